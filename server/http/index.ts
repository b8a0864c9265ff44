import type { z } from "zod";
import { assertRole, type Role, type SessionUser } from "../auth";
import { AppError, describeZodError, nulCharacterAt, nulCharacterMessage } from "../errors";
import { addRequestContext } from "../request-context";

export { enforceRateLimit, rateLimitHeaders, recordPartnerCall } from "../partners";
export { withIdempotency } from "./idempotency";
export { readBodyText, withBodyLimit, MAX_JSON_BODY_BYTES } from "./body-limit";
import { readBodyText } from "./body-limit";
export { countPartnerCall, errorResponse, handle, rateLimitedHeaders, requirePartner } from "./handle";
export {
  problemOf,
  problemResponse,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  problemTitles,
  type Problem,
} from "../problem";

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
