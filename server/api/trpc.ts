import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import {
  assertPartner,
  assertRole,
  assertRoleOrPartner,
  type Access,
  type PartnerScope,
  type Role,
  type SessionUser,
} from "../auth";
import { describeZodError, nulCharacterAt, nulCharacterMessage, trpcCodeFor } from "../errors";
import { logger } from "../logger";
import { knownFailure } from "../outage";
import type { Partner } from "../partners";
import { withRequestContext } from "../request-context";
import { ATTR, withSpan } from "../tracing";

/** Who is calling: a signed-in user, a partner holding an API key, or nobody. */
export interface Context {
  user: SessionUser | null;
  partner: Partner | null;
  /** Whether an Authorization key came with the call (tells a missing key from a bad one). */
  partnerKeySent?: boolean;
  /** The HTTP request's abort signal, where the transport does not hand procedures one (REST under /api/v1). */
  signal?: AbortSignal;
}

/** Every procedure declares who may call it; a test walks the router and checks each one. */
export interface Meta {
  access: Access;
  scope?: PartnerScope;
  /** Also admitted: a partner key carrying this scope (read-only procedures partners share with the console). */
  orPartner?: PartnerScope;
  /** Also served as REST under /api/v1 at this method and path, and described in its OpenAPI document. */
  openapi?: OpenApiMeta["openapi"];
}

const log = logger.child("trpc");

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        // Input errors read as "name: name is required", not as a JSON dump of issues.
        message: cause instanceof ZodError ? describeZodError(cause).message : shape.message,
        data: {
          ...shape.data,
          stack: undefined,
          fieldErrors: cause instanceof ZodError ? describeZodError(cause).fieldErrors : undefined,
        },
      };
    },
  });

/** AppError → the matching tRPC code; anything unexpected is logged with who called what. */
const errors = t.middleware(async ({ ctx, path, type, next }) => {
  const result = await next();
  if (result.ok) return result;
  const known = knownFailure(result.error.cause);
  if (known) {
    if (known.code === "unavailable") log.warn("procedure unavailable", { path, type, reason: known.message });
    throw new TRPCError({ code: trpcCodeFor[known.code], message: known.message, cause: known });
  }
  const cause = result.error.cause;
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    log.error("procedure failed", {
      path,
      type,
      user: ctx.user?.email,
      partner: ctx.partner?.name,
      error: cause ?? result.error,
    });
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "Something went wrong on our side; it has been logged.",
    });
  }
  return result;
});

/**
 * Each procedure call is a span, and its log lines name the caller (user or partner): outermost,
 * so the failure `errors` logs is inside both.
 */
const observed = t.middleware(({ ctx, path, type, next }) =>
  withRequestContext({ userId: ctx.user?.id, partnerId: ctx.partner?.id }, () =>
    withSpan(
      `trpc ${path}`,
      { attributes: { [ATTR.rpcSystem]: "trpc", [ATTR.rpcMethod]: path, "apfa.trpc.type": type } },
      async (span) => {
        const result = await next();
        if (!result.ok) span.fail(result.error.code);
        return result;
      },
    ),
  ),
);

/** NUL in any string of the input is the caller's 400 before any procedure stores it (server/errors.ts). */
const noNul = t.middleware(async ({ getRawInput, next }) => {
  const at = nulCharacterAt(await getRawInput(), "input");
  if (at) throw new TRPCError({ code: "BAD_REQUEST", message: nulCharacterMessage(at) });
  return next();
});

const base = t.procedure.use(observed).use(errors).use(noNul);

function requireRole(role: Role) {
  return t.middleware(({ ctx, next }) => next({ ctx: { ...ctx, user: assertRole(ctx.user, role) } }));
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = base.meta({ access: "public" });
export const borrowerProcedure = base.meta({ access: "borrower" }).use(requireRole("borrower"));
export const mlProcedure = base.meta({ access: "ml_engineer" }).use(requireRole("ml_engineer"));
export const adminProcedure = base.meta({ access: "admin" }).use(requireRole("admin"));

/** Where a procedure is also served as REST under /api/v1 (server/api/rest.ts). */
export type RestRoute = NonNullable<Meta["openapi"]>;

/** Partner API keys; with a scope, the key must carry it. With `rest`, also served under /api/v1. */
export function partnerProcedure(scope?: PartnerScope, rest?: RestRoute) {
  return base
    .meta({ access: "partner", scope, ...(rest ? { openapi: rest } : {}) })
    .use(({ ctx, next }) =>
      next({ ctx: { ...ctx, partner: assertPartner(ctx.partner, scope, ctx.partnerKeySent ?? false) } }),
    );
}

/**
 * People with the role, or partner keys with the scope: the read-only procedures partners share
 * with the console. With `rest`, also served under /api/v1.
 */
export function userOrPartnerProcedure(role: Role, scope: PartnerScope, rest?: RestRoute) {
  return base.meta({ access: role, orPartner: scope, ...(rest ? { openapi: rest } : {}) }).use(({ ctx, next }) =>
    next({
      ctx: { ...ctx, ...assertRoleOrPartner(ctx.user, role, ctx.partner, scope, ctx.partnerKeySent ?? false) },
    }),
  );
}
