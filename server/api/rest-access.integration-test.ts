import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CALLER_NAMES,
  CALLERS,
  expectedOutcome,
  REST_ACCESS,
  REST_CALLS,
  TRPC_ACCESS,
  type CallerName,
} from "@/test/access-matrix";
import { startRestServer } from "@/test/rest-server";
import { PARTNER_SCOPES } from "../auth";
import { getDb } from "../db";
import { createPartnerKey, revokePartnerKey } from "../partners";
import { openApiDocument } from ".";

/**
 * The REST half of the access matrix: the OpenAPI document's operations are exactly REST_ACCESS,
 * each requires what TRPC_ACCESS gives its procedure, and over real HTTP each operation admits
 * or refuses every kind of partner caller (and no caller) as the table says. Session callers
 * need Next.js (next-auth): test/system/access.system-test.ts runs the same table with them.
 */

const operations = Object.entries(openApiDocument().paths ?? {}).flatMap(([path, item]) =>
  (["get", "post", "put", "patch", "delete"] as const).flatMap((method) => {
    const operation = item[method];
    return operation ? [{ route: `${method.toUpperCase()} /api/v1${path}`, procedure: operation.operationId }] : [];
  }),
);

describe("REST access table", () => {
  it("names exactly the document's operations", () => {
    expect(Object.keys(REST_ACCESS).sort()).toEqual(operations.map((operation) => operation.route).sort());
    expect(Object.keys(REST_CALLS).sort()).toEqual(Object.keys(REST_ACCESS).sort());
  });

  it.each(operations)("$route requires what its procedure does", ({ route, procedure }) => {
    expect(REST_ACCESS[route]).toBe(TRPC_ACCESS[procedure!.replaceAll("-", ".")]);
  });
});

describe("REST access over HTTP", () => {
  let server: Awaited<ReturnType<typeof startRestServer>>;
  const headersOf = {} as Record<CallerName, Record<string, string>>;

  beforeAll(async () => {
    server = await startRestServer();
    const key = async (kind: "scoped" | "unscoped" | "revoked") => {
      const created = await createPartnerKey(
        { name: `rest access ${kind} ${randomUUID()}`, scopes: [...PARTNER_SCOPES] },
        "test",
      );
      // A key stored when other scopes existed, holding only one since removed.
      if (kind === "unscoped")
        await getDb().execute(sql`update partner_keys set scopes = ${"{bias:read}"}::text[] where id = ${created.id}`);
      if (kind === "revoked") await revokePartnerKey(created.id, "test", "rest access");
      return { authorization: `Bearer ${created.key}` };
    };
    for (const name of CALLER_NAMES) {
      const caller: { session?: string; key?: "scoped" | "unscoped" | "revoked" } = CALLERS[name];
      if (!caller.session) headersOf[name] = caller.key ? await key(caller.key) : {};
    }
  });

  afterAll(async () => {
    await server?.close();
  });

  const keyCallers = CALLER_NAMES.filter((name) => !("session" in CALLERS[name]));

  describe.each(Object.entries(REST_ACCESS).map(([route, required]) => ({ route, required })))(
    "$route ($required)",
    ({ route, required }) => {
      it.each(keyCallers)("as %s", async (caller) => {
        const { path, body } = REST_CALLS[route]!;
        const response = await fetch(`${server.baseUrl}${path.slice("/api/v1".length)}`, {
          method: route.split(" ")[0],
          headers: { ...headersOf[caller], ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        await response.arrayBuffer();
        const outcome =
          response.status === 401
            ? "unauthorized"
            : response.status === 403
              ? "forbidden"
              : [200, 400, 404].includes(response.status)
                ? "admitted"
                : `HTTP ${response.status}`;
        expect(outcome).toBe(expectedOutcome(required, caller));
      });
    },
  );
});
