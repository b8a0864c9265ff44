import {
  context as otelContext,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
} from "@opentelemetry/api";
import { currentRequestContext } from "../request-context";
import { contextAttributes } from "./attributes";
import { currentSpanScope, withSpanScope, type SpanValue } from "./recorder";

export const TRACER_NAME = "apfa";

/** What code inside a span may say about it; goes to the exported span and the request's recorded one. */
export interface SpanHandle {
  setAttributes(attributes: Record<string, SpanValue>): void;
  /** A point in time within the span (the LLM's first token). */
  addEvent(name: string, attributes?: Record<string, SpanValue>): void;
  /** Marks the span failed without throwing (a tRPC result that carries an error). */
  fail(message: string): void;
  /** The trace this span is part of; undefined when tracing is not set up in this process. */
  readonly traceId: string | undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  /** Exported only (OpenTelemetry); `record` is what the request's stored timeline keeps. */
  attributes?: Attributes;
  /** Attributes also kept in the request's stored timeline (no personal text). */
  record?: Record<string, SpanValue>;
  /** The parent when it is not the active span: a caller's traceparent (http.ts). */
  parent?: Context;
  /**
   * A trace of its own, whatever runs around it: work of the process (an index swap) that some
   * request merely happened to set off, and must not be read as part of that request.
   */
  root?: boolean;
}

/**
 * Runs `fn` in a span: an OpenTelemetry span (exported when tracing is on, a cheap non-recording
 * one otherwise) carrying the request's id, release, experiment and arm, and, inside a request
 * that records its spans (server/advice), an entry in its timeline. A failure marks both and
 * is rethrown.
 */
export async function withSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: SpanHandle) => Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer(TRACER_NAME);
  const scope = options.root ? undefined : currentSpanScope();
  const recorded = scope?.recorder.open(name, scope.parent, options.record) ?? null;
  const attributes = { ...contextAttributes(currentRequestContext()), ...options.attributes, ...options.record };
  const parent = options.root ? ROOT_CONTEXT : (options.parent ?? otelContext.active());
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, parent, async (span) => {
    let failed = false;
    const spanContext = span.spanContext();
    const handle: SpanHandle = {
      setAttributes(values) {
        span.setAttributes(values);
        if (recorded !== null) scope!.recorder.setAttributes(recorded, values);
      },
      addEvent(eventName, values) {
        span.addEvent(eventName, values);
        if (recorded !== null) scope!.recorder.addEvent(recorded, eventName);
      },
      fail(message) {
        failed = true;
        span.setStatus({ code: SpanStatusCode.ERROR, message });
      },
      traceId: isSpanContextValid(spanContext) ? spanContext.traceId : undefined,
    };
    const run = () => fn(handle);
    try {
      return await (recorded === null ? run() : withSpanScope({ recorder: scope!.recorder, parent: recorded }, run));
    } catch (error) {
      failed = true;
      const exception = exceptionOf(error);
      span.recordException(exception);
      span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
      throw error;
    } finally {
      if (recorded !== null) scope!.recorder.close(recorded, failed ? "error" : "ok");
      span.end();
    }
  });
}

/**
 * What an exported span says about a failure: a failed SQL statement without its parameter values
 * (they are the data written, e.g. a borrower's question), anything else as it is.
 */
function exceptionOf(error: unknown): { name: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const failed = error as Error & { query?: unknown; params?: unknown };
  if (typeof failed.query === "string" && Array.isArray(failed.params)) {
    return { name: error.constructor.name, message: `Failed query: ${failed.query}` };
  }
  return { name: error.name, message: error.message, stack: error.stack };
}

/** The active span's trace id, when tracing is set up and a span is active. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** Sets attributes on the active span (known after it started: the release serving decided). */
export function annotateActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
