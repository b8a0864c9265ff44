import type { z } from "zod";
import { assertRole, type Role, type SessionUser } from "../auth";
import { AppError, describeZodError } from "../errors";
import { addRequestContext } from "../request-context";

export { enforceRateLimit, rateLimitHeaders, recordPartnerCall } from "../partners";
export { withIdempotency } from "./idempotency";
export { readBodyText, MAX_JSON_BODY_BYTES } from "./body-limit";
export { errorResponse, handle, rateLimitedHeaders, requirePartner } from "./handle";
export {
  problemOf,
  problemResponse,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  problemTitles,
  type Problem,
} from "./problem";

/** Route handlers outside tRPC: the same roles, error codes and logging, in one place. */

export type { HttpScope } from "../tracing";

/** The signed-in user with at least `role`; from here on the request's log lines name them. */
export async function requireRole(role: Role): Promise<SessionUser> {
  // Loaded on first use: next-auth loads only inside Next.js, and the REST transport's tests load this face outside it.
  const { auth } = await import("../session");
  const user = assertRole((await auth())?.user ?? null, role);
  addRequestContext({ userId: user.id });
  return user;
}

export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The body must be JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const { message, fieldErrors } = describeZodError(parsed.error);
    throw new AppError("bad_request", `Invalid request: ${message}`, { fieldErrors });
  }
  return parsed.data;
}
