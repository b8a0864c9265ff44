import { assertPartner, type PartnerScope } from "../auth";
import { AppError, toErrorBody } from "../errors";
import { logger } from "../logger";
import { knownFailure } from "../outage";
import {
  callStatusOf,
  partnerFromAuthorization,
  rateLimitHeaders,
  recordPartnerCall,
  type Partner,
  type RateLimitState,
} from "../partners";
import { addRequestContext, currentRequestContext } from "../request-context";
import { traceHttpRequest, type HttpScope } from "../tracing";

/**
 * The request path of route handlers, apart from sessions (server/http/index.ts adds those): kept
 * out of the face so it loads without next-auth, and integration tests can run it as routes do.
 */

const log = logger.child("http");

export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  return Response.json(toErrorBody(error), { status: error.status, headers });
}

/**
 * Runs a handler as one traced request (its span, its request id in logs and in the `x-request-id`
 * response header: server/tracing); AppErrors become their status, anything else a logged 500
 * without internals. A request admitted by requirePartner is counted in the partner's usage
 * (ok, rate_limited or error, from the final status), so partner routes need no call of their own.
 */
export async function handle(
  route: `${string} /${string}`,
  request: Request,
  fn: (scope: HttpScope) => Promise<Response>,
): Promise<Response> {
  return traceHttpRequest(request, route, async (scope) => {
    const response = await respond(route, () => fn(scope));
    await countPartnerCall(response);
    return response;
  });
}

/** Counts a final answer in the usage of the partner the request admitted (none: nothing to count). */
export async function countPartnerCall(response: Response): Promise<void> {
  const partnerId = currentRequestContext()?.partnerId;
  if (partnerId) await recordPartnerCall(partnerId, callStatusOf(response.status));
}

async function respond(route: string, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    const known = knownFailure(error);
    if (known) {
      // A part that is down (PostgreSQL, Redis): a clear 503 for the caller and a line for on-call.
      if (known.code === "unavailable") log.warn("route unavailable", { route, reason: known.message });
      return errorResponse(known, known.code === "rate_limited" ? rateLimitedHeaders(known) : undefined);
    }
    log.error("route failed", { route, error });
    return errorResponse(new AppError("internal", "Something went wrong on our side; it has been logged."));
  }
}

/** Retry-After and RateLimit-* for a refused call, from the state the limiter put in the error. */
export function rateLimitedHeaders(error: AppError): Record<string, string> {
  const details = (error.details ?? {}) as Partial<RateLimitState> & { retryAfterSeconds?: number };
  const headers: Record<string, string> = { "retry-after": String(details.retryAfterSeconds ?? 60) };
  if (details.limit !== undefined && details.resetSeconds !== undefined && details.windowSeconds !== undefined)
    Object.assign(headers, rateLimitHeaders({ ...details, remaining: 0 } as RateLimitState));
  return headers;
}

/** The partner whose key carries `scope`; from here on the request's log lines name it. */
export async function requirePartner(request: Request, scope: PartnerScope): Promise<Partner> {
  const { partner, keySent } = await partnerFromAuthorization(request.headers.get("authorization"));
  const admitted = assertPartner(partner, scope, keySent);
  addRequestContext({ partnerId: admitted.id });
  return admitted;
}
