import { TRPCError } from "@trpc/server";
import { createOpenApiFetchHandler, type OpenApiRouter } from "trpc-to-openapi";
import { ZodError } from "zod";
import { AppError, describeZodError, type ErrorCode } from "../errors";
import { countPartnerCall, problemResponse, rateLimitedHeaders, readBodyText, withIdempotency } from "../http";
import { logger } from "../logger";
import { knownFailure } from "../outage";
import { enforceRateLimit, rateLimitHeaders, type RateLimitState } from "../partners";
import { addRequestContext } from "../request-context";
import { traceHttpRequest } from "../tracing";
import { appRouter } from "./root";
import type { Context } from "./trpc";

/**
 * The partner REST API: the procedures with an `openapi` route in their meta (./routers/v1),
 * served under /api/v1 by trpc-to-openapi, with what the HTTP edge adds around them — a traced
 * request with its x-request-id, the partner's rate limit and its RateLimit-* headers, the body
 * limit, idempotent POSTs — and every error as a problem document (server/problem.ts).
 */

export const REST_BASE = "/api/v1";

const log = logger.child("rest");

/**
 * The app router as trpc-to-openapi types routers: its meta is any record, which our Meta (with
 * its required `access`) is at run time but not to the compiler, meta being read both ways.
 */
export const openApiRouter = appRouter as unknown as OpenApiRouter;

/** TRPCError codes the REST transport can meet, as the AppError codes that carry their status. */
const codeOf: Partial<Record<TRPCError["code"], ErrorCode>> = {
  PARSE_ERROR: "bad_request",
  BAD_REQUEST: "bad_request",
  UNAUTHORIZED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  METHOD_NOT_SUPPORTED: "not_found",
  CONFLICT: "conflict",
  PAYLOAD_TOO_LARGE: "payload_too_large",
  UNPROCESSABLE_CONTENT: "unprocessable",
  TOO_MANY_REQUESTS: "rate_limited",
  SERVICE_UNAVAILABLE: "unavailable",
};

/** Serves one /api/v1 request; `createContext` is the app's (session and key), or a test's. */
export function serveRest(request: Request, createContext: (request: Request) => Promise<Context>): Promise<Response> {
  return traceHttpRequest(request, `${request.method} ${REST_BASE}`, async (scope) => {
    const response = await answer(request, createContext, scope.requestId);
    // A partner's every final answer counts in its usage (ok, rate limited or error).
    await countPartnerCall(response);
    return response;
  });
}

async function answer(
  request: Request,
  createContext: (request: Request) => Promise<Context>,
  requestId: string,
): Promise<Response> {
  let limit: RateLimitState | null = null;
  try {
    const ctx: Context = { ...(await createContext(request)), signal: request.signal };
    if (ctx.partner) {
      addRequestContext({ partnerId: ctx.partner.id });
      limit = await enforceRateLimit(ctx.partner);
    }
    const response = await dispatch(request, ctx);
    if (limit) for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value);
    return response;
  } catch (error) {
    const appError = toAppError(error, request);
    const headers = new Headers(limit ? rateLimitHeaders(limit) : undefined);
    if (appError.code === "rate_limited")
      for (const [name, value] of Object.entries(rateLimitedHeaders(appError))) headers.set(name, value);
    return problemResponse(appError, requestId, headers);
  }
}

/** A request with a body is read within the body limit, then (a partner's) made idempotent. */
async function dispatch(request: Request, ctx: Context): Promise<Response> {
  if (request.method === "GET" || request.method === "HEAD") return callProcedure(request, ctx);
  const text = await readBodyText(request);
  // The body is JSON whatever the Content-Type says: the hand-written route this replaces read
  // it that way, and curl's -d sends form-urlencoded unless told otherwise.
  const headers = new Headers(request.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  const rebuilt = new Request(request.url, { method: request.method, headers, body: text || "{}" });
  if (!ctx.partner) return callProcedure(rebuilt, ctx);
  return withIdempotency(ctx.partner.id, rebuilt, (req) => callProcedure(req, ctx));
}

/** trpc-to-openapi answers errors in its own shape; the error itself is taken here and thrown on. */
async function callProcedure(request: Request, ctx: Context): Promise<Response> {
  let failure: TRPCError | undefined;
  const response = await createOpenApiFetchHandler({
    endpoint: REST_BASE,
    req: request,
    router: openApiRouter,
    createContext: () => ctx,
    onError: ({ error }) => {
      failure = error;
    },
  });
  if (failure) throw failure;
  return response;
}

/**
 * Any failure as the AppError it reports: our own errors keep their message and details, input
 * errors name their fields, and anything unexpected is logged here (procedure failures are
 * logged by the procedure's own middleware, which leaves no cause on what it rethrows) and
 * answered without internals.
 */
function toAppError(error: unknown, request: Request): AppError {
  const known = knownFailure(error);
  if (known) {
    // A part that is down (PostgreSQL, Redis): a clear 503 for the caller and a line for on-call.
    if (known.code === "unavailable")
      log.warn("request unavailable", { path: new URL(request.url).pathname, reason: known.message });
    return known;
  }
  if (error instanceof TRPCError) {
    if (error.cause instanceof ZodError) {
      const { message, fieldErrors } = describeZodError(error.cause);
      return new AppError("bad_request", `Invalid request: ${message}`, { fieldErrors });
    }
    if (error.code === "PARSE_ERROR") return new AppError("bad_request", "The body must be JSON.");
    if (error.code === "NOT_FOUND" && error.message === "Not found") {
      const path = new URL(request.url).pathname;
      return new AppError(
        "not_found",
        `There is no ${request.method} ${path} in this API: the operations are listed in ${REST_BASE}/openapi.json.`,
      );
    }
    const code = codeOf[error.code];
    if (code) return new AppError(code, error.message);
    if (error.cause) log.error("request failed", { path: new URL(request.url).pathname, error: error.cause });
  } else {
    log.error("request failed", { path: new URL(request.url).pathname, error });
  }
  return new AppError("internal", "Something went wrong on our side; it has been logged.");
}
