import { errorStatus, type AppError, type ErrorCode } from "./errors";

/**
 * RFC 9457 problem documents: how /api/v1 answers every error. `type` names the kind of problem
 * (a stable identifier, one per error code, not a page to fetch), `detail` says what is wrong with
 * this request, `fieldErrors` which input field is wrong, `requestId` what to quote to support.
 */

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
export const PROBLEM_TYPE_BASE = "https://apfa.dev/problems/";

export const problemTitles: Record<ErrorCode, string> = {
  bad_request: "The request is not valid",
  unauthorized: "A valid API key is required",
  forbidden: "The API key may not do this",
  not_found: "Not found",
  conflict: "Conflict with the current state",
  payload_too_large: "The body is too large",
  unprocessable: "The request cannot be processed",
  rate_limited: "Too many requests",
  unavailable: "Temporarily unavailable",
  internal: "Internal error",
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The x-request-id of the request, also in the response header. */
  requestId: string;
  /** The error code `type` ends with, for clients that switch on a word. */
  code: ErrorCode;
  /** Messages per input field ("body" for the body as a whole), on 400s from input validation. */
  fieldErrors?: Record<string, string[]>;
  /** On 429: seconds until a retry may succeed (also in Retry-After). */
  retryAfterSeconds?: number;
}

export function problemOf(error: AppError, requestId: string): Problem {
  const details = error.details ?? {};
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code.replaceAll("_", "-")}`,
    title: problemTitles[error.code],
    status: errorStatus[error.code],
    detail: error.message,
    requestId,
    code: error.code,
    ...(isFieldErrors(details.fieldErrors) ? { fieldErrors: details.fieldErrors } : {}),
    ...(typeof details.retryAfterSeconds === "number" ? { retryAfterSeconds: details.retryAfterSeconds } : {}),
  };
}

export function problemResponse(error: AppError, requestId: string, headers?: HeadersInit): Response {
  const response = new Response(JSON.stringify(problemOf(error, requestId)), { status: error.status, headers });
  response.headers.set("content-type", PROBLEM_CONTENT_TYPE);
  // RFC 6750: a 401 names the scheme the client should authenticate with.
  if (error.code === "unauthorized") response.headers.set("www-authenticate", 'Bearer realm="apfa"');
  return response;
}

function isFieldErrors(value: unknown): value is Record<string, string[]> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
