import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { expectConsoleError } from "@/test/console";
import type { PartnerScope, SessionUser } from "../auth";
import { AppError } from "../errors";
import {
  createCallerFactory,
  partnerProcedure,
  publicProcedure,
  router,
  userOrPartnerProcedure,
  type Context,
} from "./trpc";

/** The procedure builders on a throwaway router: scope checks and error mapping, without a database. */
const testRouter = router({
  advice: partnerProcedure("advice").query(({ ctx }) => ctx.partner.name),
  registryRead: userOrPartnerProcedure("ml_engineer", "registry:read").query(
    ({ ctx }) => ctx.user?.email ?? ctx.partner?.name,
  ),
  notFound: publicProcedure.query(() => {
    throw new AppError("not_found", "no such loan");
  }),
  crash: publicProcedure.query(() => {
    throw new Error("database exploded: password=hunter2");
  }),
});
const call = createCallerFactory(testRouter);

const admin: SessionUser = { id: "u1", email: "admin@example.test", name: "Admin", role: "admin" };
const partner = (scopes: PartnerScope[]) => ({ id: "p1", name: "Acme Lending", scopes });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    return (error as TRPCError).code;
  }
}

describe("partnerProcedure with a scope", () => {
  it("lets a key with the scope through", async () => {
    expect(await call({ user: null, partner: partner(["advice"]) }).advice()).toBe("Acme Lending");
  });

  it.each<{ who: string; ctx: Context; code: string }>([
    // Also a key stored with only removed scopes: verifyPartnerKey grants it none.
    { who: "a key without any scope", ctx: { user: null, partner: partner([]) }, code: "FORBIDDEN" },
    { who: "no key", ctx: { user: null, partner: null }, code: "UNAUTHORIZED" },
    // A console session is not a partner key, whatever its role.
    { who: "a signed-in admin", ctx: { user: admin, partner: null }, code: "UNAUTHORIZED" },
  ])("refuses $who with $code", async ({ ctx, code }) => {
    expect(await codeOf(call(ctx).advice())).toBe(code);
  });
});

describe("userOrPartnerProcedure", () => {
  const borrower: SessionUser = { ...admin, email: "borrower@example.test", role: "borrower" };

  it.each<{ who: string; ctx: Context; answer: string }>([
    { who: "a signed-in admin", ctx: { user: admin, partner: null }, answer: "admin@example.test" },
    { who: "a key with the scope", ctx: { user: null, partner: partner(["registry:read"]) }, answer: "Acme Lending" },
  ])("lets $who through", async ({ ctx, answer }) => {
    expect(await call(ctx).registryRead()).toBe(answer);
  });

  it.each<{ who: string; ctx: Context; code: string }>([
    { who: "a key with only another scope", ctx: { user: null, partner: partner(["advice"]) }, code: "FORBIDDEN" },
    { who: "a key that is not valid", ctx: { user: null, partner: null, partnerKeySent: true }, code: "UNAUTHORIZED" },
    { who: "nobody", ctx: { user: null, partner: null }, code: "UNAUTHORIZED" },
    // A session decides when there is one: a borrower's key would not make it an ML engineer.
    { who: "a borrower", ctx: { user: borrower, partner: partner(["registry:read"]) }, code: "FORBIDDEN" },
  ])("refuses $who with $code", async ({ ctx, code }) => {
    expect(await codeOf(call(ctx).registryRead())).toBe(code);
  });
});

describe("error mapping", () => {
  const anonymous: Context = { user: null, partner: null };

  it("maps an AppError to its tRPC code and keeps its message", async () => {
    await expect(call(anonymous).notFound()).rejects.toMatchObject({ code: "NOT_FOUND", message: "no such loan" });
  });

  it("logs an unexpected error and hides its message from the caller", async () => {
    const { messages } = await expectConsoleError(/procedure failed/, async () => {
      await expect(call(anonymous).crash()).rejects.toMatchObject({
        code: "INTERNAL_SERVER_ERROR",
        message: "Something went wrong on our side; it has been logged.",
      });
    });
    // The log line keeps what the caller must not see, and says which procedure failed.
    expect(messages.join("\n")).toContain("database exploded");
    expect(messages.join("\n")).toContain('"path":"crash"');
  });
});
