/**
 * One error type for the whole server. Its code maps to tRPC and HTTP statuses
 * here and nowhere else.
 */

export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const trpcCodeFor = {
  bad_request: "BAD_REQUEST",
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  payload_too_large: "PAYLOAD_TOO_LARGE",
  unprocessable: "UNPROCESSABLE_CONTENT",
  rate_limited: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
  internal: "INTERNAL_SERVER_ERROR",
} as const satisfies Record<ErrorCode, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function toErrorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, ...(error.details ?? {}) } };
}

/**
 * A zod failure as people read it: one line naming each field, messages per field ("body" for
 * the whole value), and the bare messages for where the fields are the caller's own words (the
 * CLI's options write their messages to stand alone).
 */
export function describeZodError(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): {
  message: string;
  fieldErrors: Record<string, string[]>;
  messages: string[];
} {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues)
    (fieldErrors[issue.path.map(String).join(".") || "body"] ??= []).push(issue.message);
  const message = error.issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  return { message, fieldErrors, messages: error.issues.map((issue) => issue.message) };
}

/**
 * Where a NUL character sits in a client's value (`"input.reason"`, `"body.items[2]"`), or null.
 * PostgreSQL text cannot hold NUL: refused at the door it is the client's 400, not a failed
 * statement's 500, wherever the value was going to be stored.
 */
export function nulCharacterAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulCharacterAt(item, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return path;
    const found = nulCharacterAt(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export const nulCharacterMessage = (path: string) =>
  `${path} contains a NUL character (\\u0000), which text here may not hold.`;
