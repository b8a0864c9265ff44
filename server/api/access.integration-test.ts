import { randomUUID } from "node:crypto";
import { TRPCError, type AnyProcedure } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CALLER_NAMES,
  CALLERS,
  expectedOutcome,
  TRPC_ACCESS,
  TRPC_INPUTS,
  type CallerName,
  type Outcome,
} from "@/test/access-matrix";
import { PARTNER_SCOPES, type SessionUser } from "../auth";
import { getDb } from "../db";
import { createPartnerKey, revokePartnerKey, verifyPartnerKey } from "../partners";
// Not "." : the index also exports createContext, which loads next-auth, and next-auth only loads inside Next.js.
import { appRouter, createCaller } from "./root";
import type { Context, Meta } from "./trpc";

/**
 * The tRPC access matrix: every procedure of the real router, called in-process as every kind of
 * caller, against the table written out in test/access-matrix.ts (not against the procedure's own
 * declaration). Partner callers hold real keys, verified the way createContext verifies them.
 * The same table over HTTP, with real session cookies and the route handlers, is
 * test/system/access.system-test.ts.
 */

// At run time tRPC 11 keeps a flat path → procedure record here; its type describes the nested router.
const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const paths = Object.keys(flat).sort();

const contexts = {} as Record<CallerName, Context>;

beforeAll(async () => {
  // Every key is created holding every scope; "removed" and "revoked" then lose them.
  const key = async (kind: "all scopes" | "removed" | "revoked") => {
    const created = await createPartnerKey(
      { name: `access matrix ${kind} ${randomUUID()}`, scopes: [...PARTNER_SCOPES] },
      "test",
    );
    // A key stored when other scopes existed, holding only one since removed.
    if (kind === "removed") {
      await getDb().execute(sql`update partner_keys set scopes = ${"{bias:read}"}::text[] where id = ${created.id}`);
    }
    if (kind === "revoked") await revokePartnerKey(created.id, "test", "access matrix");
    return verifyPartnerKey(created.key);
  };
  const keys = { scoped: await key("all scopes"), unscoped: await key("removed"), revoked: await key("revoked") };
  for (const name of CALLER_NAMES) {
    const caller: { session?: SessionUser["role"]; key?: keyof typeof keys } = CALLERS[name];
    const user = caller.session
      ? { id: randomUUID(), email: `${caller.session}@access-matrix.test`, name, role: caller.session }
      : null;
    contexts[name] = { user, partner: caller.key ? keys[caller.key] : null };
  }
});

async function outcome(caller: CallerName, path: string): Promise<Outcome | string> {
  const callable = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], createCaller(contexts[caller]));
  try {
    await (callable as (input: unknown) => Promise<unknown>)(TRPC_INPUTS[path]);
    return "admitted";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (error.code === "UNAUTHORIZED") return "unauthorized";
    if (error.code === "FORBIDDEN") return "forbidden";
    // Input and state errors come after the access check; anything else (e.g. INTERNAL_SERVER_ERROR) is a failure.
    return ["BAD_REQUEST", "NOT_FOUND", "CONFLICT"].includes(error.code) ? "admitted" : error.code;
  }
}

describe("tRPC access", () => {
  it("the table names exactly the router's procedures", () => {
    expect({
      "in the router, missing from the table": paths.filter((path) => !(path in TRPC_ACCESS)),
      "in the table, missing from the router": Object.keys(TRPC_ACCESS).filter((path) => !paths.includes(path)),
    }).toEqual({ "in the router, missing from the table": [], "in the table, missing from the router": [] });
  });

  it("has placeholder inputs only for procedures that exist", () => {
    expect(Object.keys(TRPC_INPUTS).filter((path) => !paths.includes(path))).toEqual([]);
  });

  it("the key callers hold what they claim: a key with the scope, one without, a revoked one", () => {
    expect(contexts["partner key with the scope"].partner?.scopes).toEqual([...PARTNER_SCOPES]);
    expect(contexts["partner key without the scope"].partner?.scopes).toEqual([]);
    expect(contexts["revoked partner key"].partner).toBeNull();
  });

  describe.each(paths.map((path) => ({ path, required: TRPC_ACCESS[path] ?? "(not in the table)" })))(
    "$path ($required)",
    ({ path, required }) => {
      it("declares the access the table gives it", () => {
        const meta = flat[path]!._def.meta as Meta | undefined;
        const declared = meta && (meta.scope ? `${meta.access}:${meta.scope}` : meta.access);
        expect(meta?.orPartner ? `${declared} or partner:${meta.orPartner}` : declared).toBe(required);
      });

      it.each(CALLER_NAMES)("as %s", async (caller) => {
        expect(await outcome(caller, path)).toBe(expectedOutcome(TRPC_ACCESS[path]!, caller));
      });
    },
  );
});
