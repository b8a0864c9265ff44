import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
// Not ".." : the api index also exports createContext, which loads next-auth, and next-auth only loads inside Next.js.
import { appRouter } from "../root";

const admin = { id: randomUUID(), email: "admin@partners-router.test", name: "Admin", role: "admin" as const };

/** A mutation over HTTP as the console sends it, so the answer is what the form shows (errorFormatter included). */
async function mutate(path: string, input: unknown): Promise<{ status: number; message?: string }> {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    }),
    router: appRouter,
    createContext: () => ({ user: admin, partner: null }),
  });
  const body = (await response.json()) as { error?: { json: { message: string } } };
  return { status: response.status, message: body.error?.json.message };
}

describe("partners.create (the console's New key form)", () => {
  it("refuses an unknown scope with a message naming it and the valid ones", async () => {
    expect(
      await mutate("partners.create", { name: `Partner ${randomUUID()}`, scopes: ["advice", "index:read"] }),
    ).toEqual({ status: 400, message: "scopes.1: unknown scope 'index:read'; valid scopes: advice, registry:read" });
  });
});
