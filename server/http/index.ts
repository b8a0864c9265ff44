import type { z } from "zod";
import { assertPartner, assertRole, type PartnerScope, type Role, type SessionUser } from "../auth";
import { AppError, describeZodError, nulCharacterAt, nulCharacterMessage, toErrorBody } from "../errors";
import { logger } from "../logger";
import { partnerFromAuthorization, rateLimitHeaders, type Partner, type RateLimitState } from "../partners";
import { addRequestContext } from "../request-context";
import { traceHttpRequest, type HttpScope } from "../tracing";

export { enforceRateLimit, rateLimitHeaders } from "../partners";
export { withIdempotency } from "./idempotency";
export { readBodyText, withBodyLimit, MAX_JSON_BODY_BYTES } from "./body-limit";
import { readBodyText } from "./body-limit";
import { auth } from "../session";

/** Route handlers outside tRPC: the same roles, error codes and logging, in one place. */

const log = logger.child("http");

export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  return Response.json(toErrorBody(error), { status: error.status, headers });
}

export type { HttpScope } from "../tracing";

/**
 * Runs a handler as one traced request (its span, its request id in logs and in the `x-request-id`
 * response header: server/tracing); AppErrors become their status, anything else a logged 500
 * without internals.
 */
export async function handle(
  route: `${string} /${string}`,
  request: Request,
  fn: (scope: HttpScope) => Promise<Response>,
): Promise<Response> {
  return traceHttpRequest(request, route, (scope) => respond(route, () => fn(scope)));
}

async function respond(route: string, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) {
      return errorResponse(error, error.code === "rate_limited" ? rateLimitedHeaders(error) : undefined);
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

/** The signed-in user with at least `role`; from here on the request's log lines name them. */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = assertRole((await auth())?.user ?? null, role);
  addRequestContext({ userId: user.id });
  return user;
}

/** The partner whose key carries `scope`; from here on the request's log lines name it. */
export async function requirePartner(request: Request, scope: PartnerScope): Promise<Partner> {
  const { partner, keySent } = await partnerFromAuthorization(request.headers.get("authorization"));
  const admitted = assertPartner(partner, scope, keySent);
  addRequestContext({ partnerId: admitted.id });
  return admitted;
}

/** The body as JSON matching `schema`: 413 past MAX_JSON_BODY_BYTES; 400 when it is declared as another type, does not parse or does not match. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const type = request.headers.get("content-type");
  if (type !== null && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type))
    throw new AppError(
      "bad_request",
      `The body must be JSON (Content-Type: application/json), not ${JSON.stringify(type)}.`,
    );
  const text = await readBodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body must be JSON.");
  }
  const nul = nulCharacterAt(body, "body");
  if (nul) throw new AppError("bad_request", nulCharacterMessage(nul));
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const { message, fieldErrors } = describeZodError(parsed.error);
    throw new AppError("bad_request", `Invalid request: ${message}`, { fieldErrors });
  }
  return parsed.data;
}
