import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { AnyProcedure } from "@trpc/server";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { TRPC_ACCESS, TRPC_INPUTS, type Required } from "@/test/access-matrix";
import { errorMessage, hostileBody, hostileInput, rowCounts, type WireBody } from "@/test/fuzz";
import { PARTNER_SCOPES, users, type Role, type SessionUser } from "../auth";
import { getDb } from "../db";
// The route's own body limit; not "../http": its face loads next-auth, which only loads inside Next.js.
// eslint-disable-next-line apfa/domain-faces
import { withBodyLimit } from "../http/body-limit";
import { createPartnerKey, verifyPartnerKey } from "../partners";
// Not "." : the index also exports createContext, which loads next-auth.
import { appRouter } from "./root";
import type { Context } from "./trpc";

/**
 * Every tRPC procedure, fuzzed over HTTP the way /api/trpc answers (body limit, fetch adapter,
 * superjson, error formatter) as a caller its access admits, so the hostile input reaches the
 * input validation and whatever lies behind it. Every answer must be a 4xx with a message or a
 * success, never a 5xx; a refused call must leave every table's row count as it was.
 */

const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const paths = Object.keys(flat).sort();
/** Mutations without an input have nothing to validate: any call runs them as intended. */
const withoutInput = paths.filter(
  (path) => flat[path]!._def.type === "mutation" && flat[path]!._def.inputs.length === 0,
);

const contexts = {} as Record<Role | "partner", Context>;

beforeAll(async () => {
  for (const role of ["borrower", "ml_engineer", "admin"] as const) {
    const [user] = await getDb()
      .insert(users)
      .values({ email: `fuzz-${role}-${randomUUID()}@test.local`, name: `Fuzz ${role}`, role })
      .returning();
    contexts[role] = {
      user: { id: user!.id, email: user!.email, name: user!.name, role } as SessionUser,
      partner: null,
    };
  }
  const key = await createPartnerKey({ name: `fuzz ${randomUUID()}`, scopes: [...PARTNER_SCOPES] }, "test");
  contexts.partner = { user: null, partner: await verifyPartnerKey(key.key) };
});

function contextFor(required: Required): Context {
  if (required === "public" || required.startsWith("borrower")) return contexts.borrower;
  if (required.startsWith("partner")) return contexts.partner;
  return required.startsWith("admin") ? contexts.admin : contexts.ml_engineer;
}

async function call(path: string, body: WireBody): Promise<{ status: number; body: unknown }> {
  const type = flat[path]!._def.type;
  const url = new URL(`http://localhost/api/trpc/${path}`);
  let init: RequestInit = { method: "POST", headers: { "content-type": body.contentType }, body: body.text };
  // A query travels in the URL; its hostile bodies become a hostile `input` parameter instead.
  if (type === "query" && body.kind !== "oversized") {
    url.searchParams.set("input", body.text);
    init = { method: "GET" };
  }
  let request = new Request(url, init);
  let response: Response;
  try {
    request = await withBodyLimit(request);
    response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => contextFor(TRPC_ACCESS[path]!),
    });
  } catch (error) {
    // The route answers the limit's AppError as its status (app/api/trpc/[trpc]/route.ts).
    const status = (error as { status?: number }).status;
    if (status === undefined) throw error;
    return { status, body: { error: { message: (error as Error).message } } };
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // kept as text: the assertion below names it
  }
  return { status: response.status, body: parsed };
}

describe("tRPC fuzz", () => {
  it("covers every procedure of the router", () => {
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((path) => !(path in TRPC_ACCESS))).toEqual([]);
  });

  for (const path of paths.filter((p) => !withoutInput.includes(p))) {
    it(`${path}: hostile input gets a 4xx with a message (or is a valid call), never a 5xx, and a refusal changes nothing`, async () => {
      const mutation = flat[path]!._def.type === "mutation";
      const takesInput = flat[path]!._def.inputs.length > 0;
      await fc.assert(
        fc.asyncProperty(
          hostileBody(hostileInput(TRPC_INPUTS[path] ?? {}), (json) => ({ json })),
          async (body) => {
            const before = mutation ? await rowCounts() : null;
            const { status, body: answer } = await call(path, body);
            expect(status, JSON.stringify(answer).slice(0, 500)).toBeLessThan(500);
            if (status >= 400) {
              expect(errorMessage(answer), JSON.stringify(answer).slice(0, 500)).toMatch(/\S/);
              if (before) expect(await rowCounts()).toEqual(before);
            }
            if (body.kind === "oversized") expect(status).toBe(413);
            // A procedure without an input ignores what it is sent; an empty `input` parameter is no input.
            const absent = !mutation && body.text === "";
            if (takesInput && !absent && (body.kind === "malformed" || (mutation && body.kind === "wrong type")))
              expect(status).toBeGreaterThanOrEqual(400);
          },
        ),
        { numRuns: 25 },
      );
    });
  }
});
