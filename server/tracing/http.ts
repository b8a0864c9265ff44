import {
  context,
  isSpanContextValid,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type TextMapGetter,
} from "@opentelemetry/api";
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
} from "@opentelemetry/semantic-conventions";
import { requestIdFrom, withRequestContext } from "../request-context";
import { ATTR } from "./attributes";
import { TRACER_NAME } from "./span";

export interface HttpScope {
  /** The request's id: the caller's sane x-request-id, or a new one. Sent back in x-request-id. */
  readonly requestId: string;
  /** The request's span ends once the response is returned and `work` has settled (a streamed body). */
  holdUntil(work: Promise<unknown>): void;
  /** Attributes known only inside the handler (the release that answered). */
  setAttributes(attributes: Attributes): void;
}

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/** The response with its request id (a response whose headers are immutable is copied). */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set("x-request-id", requestId);
    return copy;
  }
}

/**
 * Runs a route handler as one traced request: its request id (logs, spans, the stored advice
 * request and the `x-request-id` response header) and its span. The span continues the caller's
 * W3C `traceparent` unless Next.js already started a span for the request (it reads the same
 * header), in which case it is that span's child.
 */
export async function traceHttpRequest(
  request: Request,
  route: `${string} /${string}`,
  fn: (scope: HttpScope) => Promise<Response>,
): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const active = trace.getActiveSpan();
  const underNext = active !== undefined && isSpanContextValid(active.spanContext());
  const parent = underNext ? context.active() : propagation.extract(context.active(), request.headers, headerGetter);
  const [method, path] = route.split(" ") as [string, string];
  const span = trace.getTracer(TRACER_NAME).startSpan(
    route,
    {
      kind: underNext ? SpanKind.INTERNAL : SpanKind.SERVER,
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_HTTP_ROUTE]: path, [ATTR.requestId]: requestId },
    },
    parent,
  );
  const held: Promise<unknown>[] = [];
  const scope: HttpScope = {
    requestId,
    holdUntil: (work) => void held.push(work),
    setAttributes: (attributes) => void span.setAttributes(attributes),
  };
  return withRequestContext({ requestId }, () =>
    context.with(trace.setSpan(parent, span), async () => {
      let response: Response;
      try {
        response = await fn(scope);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        span.end();
        throw error;
      }
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      void Promise.allSettled(held).then(() => span.end());
      return withRequestId(response, requestId);
    }),
  );
}
