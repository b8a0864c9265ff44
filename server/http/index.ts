import type { z } from "zod";
import { roleSatisfies, type PartnerScope, type Role, type SessionUser } from "../auth";
import { AppError, toErrorBody } from "../errors";
import { logger } from "../logger";
import { bearerToken, verifyPartnerKey, type Partner } from "../partners";

export { enforceRateLimit } from "../partners";
import { auth } from "../session";

/** Route handlers outside tRPC: the same roles, error codes and logging, in one place. */

const log = logger.child("http");

export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  return Response.json(toErrorBody(error), { status: error.status, headers });
}

/** Runs a handler; AppErrors become their status, anything else a logged 500 without internals. */
export async function handle(route: string, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) {
      return errorResponse(
        error,
        error.code === "rate_limited" ? { "retry-after": String(error.details?.retryAfterSeconds ?? 60) } : undefined,
      );
    }
    log.error("route failed", { route, error });
    return errorResponse(new AppError("internal", "Something went wrong on our side; it has been logged."));
  }
}

export async function requireRole(role: Role): Promise<SessionUser> {
  const user = (await auth())?.user;
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  if (!roleSatisfies(user.role, role)) throw new AppError("forbidden", `This needs the ${role} role.`);
  return user;
}

export async function requirePartner(request: Request, scope: PartnerScope): Promise<Partner> {
  const key = bearerToken(request.headers.get("authorization"));
  if (!key) throw new AppError("unauthorized", "Send your partner API key as Authorization: Bearer <key>.");
  const partner = await verifyPartnerKey(key);
  if (!partner) throw new AppError("unauthorized", "That API key is not valid or has been revoked.");
  if (!partner.scopes.includes(scope)) throw new AppError("forbidden", `This API key lacks the '${scope}' scope.`);
  return partner;
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
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "body"] ??= []).push(issue.message);
    const summary = Object.entries(fieldErrors)
      .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
      .join("; ");
    throw new AppError("bad_request", `Invalid request: ${summary}`, { fieldErrors });
  }
  return parsed.data;
}
