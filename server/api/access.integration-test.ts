import { randomUUID } from "node:crypto";
import { TRPCError, type AnyProcedure } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { PARTNER_SCOPES, type Access, type PartnerScope, type Role, type SessionUser } from "../auth";
// Not "." : the index also exports createContext, which loads next-auth, and next-auth only loads inside Next.js.
import { appRouter, createCaller } from "./root";
import type { Context, Meta } from "./trpc";

/**
 * The access matrix: every procedure of the real router, called as every kind of caller.
 * Only the authorization outcome is asserted; a caller who is let in may still get
 * BAD_REQUEST or NOT_FOUND for the placeholder input, which says they got past the check.
 */

const user = (role: Role): SessionUser => ({ id: randomUUID(), email: `${role}@access-matrix.test`, name: role, role });
const partner = (scopes: PartnerScope[]) => ({ id: randomUUID(), name: "Access Matrix Partner", scopes });

const callers = {
  anonymous: { user: null, partner: null },
  borrower: { user: user("borrower"), partner: null },
  ml_engineer: { user: user("ml_engineer"), partner: null },
  admin: { user: user("admin"), partner: null },
  "partner (all scopes)": { user: null, partner: partner([...PARTNER_SCOPES]) },
  "partner (no scopes)": { user: null, partner: partner([]) },
} satisfies Record<string, Context>;
type CallerName = keyof typeof callers;

/** Who gets in, per declared access. A partner key is not a session and vice versa. */
const admitted: Record<Access, CallerName[]> = {
  public: Object.keys(callers) as CallerName[],
  borrower: ["borrower", "ml_engineer", "admin"],
  ml_engineer: ["ml_engineer", "admin"],
  admin: ["admin"],
  partner: ["partner (all scopes)", "partner (no scopes)"],
};

/** Refused callers who hold the right kind of credential get FORBIDDEN; the rest UNAUTHORIZED. */
function refusal(meta: Meta, caller: CallerName): "UNAUTHORIZED" | "FORBIDDEN" {
  const { user: signedIn, partner: keyHolder } = callers[caller];
  return (meta.access === "partner" ? keyHolder : signedIn) ? "FORBIDDEN" : "UNAUTHORIZED";
}

function expected(meta: Meta, caller: CallerName): "admitted" | "UNAUTHORIZED" | "FORBIDDEN" {
  const scopeMissing = meta.access === "partner" && meta.scope && !callers[caller].partner?.scopes.includes(meta.scope);
  return admitted[meta.access].includes(caller) && !scopeMissing ? "admitted" : refusal(meta, caller);
}

/** Plausible input for procedures that take one; ids that exist nowhere give NOT_FOUND past the check. */
const inputs: Record<string, unknown> = {
  "partners.create": { name: `access-matrix-${randomUUID()}`, scopes: ["advice"] },
  "partners.revoke": { id: randomUUID(), reason: "access matrix" },
  "jobs.recent": { states: ["failed"], limit: 5 },
  "jobs.retry": { queue: "ingest", id: "no-such-job" },
  "audit.list": { limit: 5 },
  "advice.history": { limit: 5 },
  "advice.feedback": { adviceId: randomUUID(), rating: 3 },
  "index.jobLogs": { queue: "embed", id: "no-such-job" },
  "index.build": { kind: "exact", reason: "access matrix" },
  "index.validate": { version: "deadbeefdeadbeef", reason: "access matrix" },
  "index.promote": { version: "deadbeefdeadbeef", reason: "access matrix" },
  "index.rollback": { version: "deadbeefdeadbeef", reason: "access matrix" },
};

// At run time tRPC 11 keeps a flat path → procedure record here; its type describes the nested router.
const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const procedures = Object.entries(flat).map(([path, procedure]) => ({
  path,
  meta: procedure._def.meta as Meta | undefined,
}));

async function outcome(caller: CallerName, path: string): Promise<string> {
  const callable = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], createCaller(callers[caller]));
  try {
    await (callable as (input: unknown) => Promise<unknown>)(inputs[path]);
    return "admitted";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    // Input and state errors come after the access check; anything else (e.g. INTERNAL_SERVER_ERROR) is a failure.
    return ["BAD_REQUEST", "NOT_FOUND", "CONFLICT"].includes(error.code) ? "admitted" : error.code;
  }
}

describe("tRPC access", () => {
  it("finds the procedures, and every one declares who may call it", () => {
    expect(procedures.length).toBeGreaterThan(10);
    const undeclared = procedures.filter(({ meta }) => !meta || !(meta.access in admitted)).map(({ path }) => path);
    expect(undeclared).toEqual([]);
  });

  it("has placeholder inputs only for procedures that exist", () => {
    expect(Object.keys(inputs).filter((path) => !procedures.some((p) => p.path === path))).toEqual([]);
  });

  describe.each(procedures)("$path ($meta.access)", ({ path, meta }) => {
    it.each(Object.keys(callers) as CallerName[])("as %s", async (caller) => {
      expect(await outcome(caller, path)).toBe(expected(meta!, caller));
    });
  });
});
