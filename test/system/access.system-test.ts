import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type AnyProcedure } from "@trpc/server";
import { sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARTNER_SCOPES } from "@/server/auth";
import { getDb } from "@/server/db";
import { freePort } from "@/server/local-services";
import { createPartnerKey, revokePartnerKey } from "@/server/partners";
import { startHeartbeat } from "@/server/queues";
import { getRedis } from "@/server/redis";
// Not "@/server/api": its index also exports createContext, which loads next-auth's Next.js side.
// eslint-disable-next-line apfa/domain-faces -- a vitest process cannot load that side
import { appRouter } from "@/server/api/root";
import {
  CALLER_NAMES,
  CALLERS,
  expectedOutcome,
  REST_ACCESS,
  REST_CALLS,
  ROUTE_ACCESS,
  TRPC_ACCESS,
  TRPC_INPUTS,
  type CallerName,
  type Outcome,
} from "@/test/access-matrix";
import { indexWith } from "@/test/index-fixture";
import { startWeb, SYSTEM_AUTH_SECRET, type WebInstance } from "./processes";

/**
 * The access matrix over HTTP against `next start` (the production build): every tRPC procedure,
 * route handler and server action, as every kind of caller, compared with the table in
 * test/access-matrix.ts. People carry a real session cookie (a JWT signed with the instance's
 * AUTH_SECRET, as next-auth issues it at sign-in); partners carry real keys from the database.
 * Nothing of the guards is replaced: the instance decides.
 */

const root = path.resolve(import.meta.dirname, "../..");
const SESSION_COOKIE = "authjs.session-token"; // next-auth's name on plain http

let web: WebInstance;
let stopHeartbeat: () => Promise<void>;
const headersOf = {} as Record<CallerName, Record<string, string>>;

async function sessionCookie(role: string): Promise<string> {
  const id = randomUUID();
  const token = await encode({
    token: { sub: id, uid: id, role, email: `${role}@access-matrix.test`, name: role },
    secret: SYSTEM_AUTH_SECRET,
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${token}`;
}

async function partnerKey(kind: "scoped" | "unscoped" | "revoked"): Promise<string> {
  const created = await createPartnerKey(
    { name: `access matrix ${kind} ${randomUUID()}`, scopes: [...PARTNER_SCOPES] },
    "test",
  );
  // A key stored when other scopes existed, holding only one since removed.
  if (kind === "unscoped") {
    await getDb().execute(sql`update partner_keys set scopes = ${"{bias:read}"}::text[] where id = ${created.id}`);
  }
  if (kind === "revoked") await revokePartnerKey(created.id, "test", "access matrix");
  return created.key;
}

beforeAll(async () => {
  // /api/health, which startWeb waits for, needs an index and a worker's heartbeat; this test
  // beats for the worker, whose jobs it does not need.
  await indexWith();
  stopHeartbeat = startHeartbeat(getRedis(), `access-matrix-${randomUUID().slice(0, 8)}`);
  for (const name of CALLER_NAMES) {
    const caller: { session?: string; key?: "scoped" | "unscoped" | "revoked" } = CALLERS[name];
    headersOf[name] = caller.session
      ? { cookie: await sessionCookie(caller.session) }
      : caller.key
        ? { authorization: `Bearer ${await partnerKey(caller.key)}` }
        : {};
  }
  web = await startWeb("web-access", await freePort());
});

afterAll(async () => {
  await web?.process.stop();
  await stopHeartbeat?.();
});

/** 401 and 403 are the guard's answers; any other status means the caller got past it. */
function outcomeOf(status: number, admitted: number[]): Outcome | string {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  return admitted.includes(status) ? "admitted" : `HTTP ${status}`;
}

// ---- tRPC over HTTP ---------------------------------------------------------------------------

const flat = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

async function callTrpc(path: string, caller: CallerName): Promise<number> {
  const input = TRPC_INPUTS[path];
  const headers = headersOf[caller];
  const response =
    flat[path]!._def.type === "query"
      ? await fetch(
          `${web.url}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`,
          { headers },
        )
      : await fetch(`${web.url}/api/trpc/${path}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ json: input ?? null }),
        });
  await response.arrayBuffer();
  return response.status;
}

describe("tRPC over HTTP", () => {
  it("knows each session caller by its cookie", async () => {
    for (const caller of ["borrower", "ml_engineer", "admin"] as const) {
      const response = await fetch(`${web.url}/api/trpc/me.get`, { headers: headersOf[caller] });
      const body = (await response.json()) as { result: { data: { json: { role: string } | null } } };
      expect(body.result.data.json?.role).toBe(caller);
    }
  });

  describe.each(Object.entries(TRPC_ACCESS).map(([path, required]) => ({ path, required })))(
    "$path ($required)",
    ({ path, required }) => {
      it.each(CALLER_NAMES)("as %s", async (caller) => {
        // Past the guard: a result, or the placeholder input's BAD_REQUEST / NOT_FOUND / CONFLICT.
        expect(outcomeOf(await callTrpc(path, caller), [200, 400, 404, 409])).toBe(expectedOutcome(required, caller));
      });
    },
  );
});

// ---- route handlers and server actions ----------------------------------------------------------

/** The server action ids of the build, by exported name (what a form posts in its Next-Action header). */
function actionIds(): Record<string, string> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  return Object.fromEntries(
    Object.entries(manifest.node)
      .filter(([, action]) => action.filename === "app/actions.ts")
      .map(([id, action]) => [action.exportedName, id]),
  );
}

/** A server action called the way the sign-in page's forms call it (React's reply encoding). */
function actionRequest(name: string, body: BodyInit): RequestInit & { path: string } {
  const id = actionIds()[name];
  if (!id) throw new Error(`no server action ${name} in the build`);
  return { path: "/sign-in", method: "POST", headers: { "next-action": id, accept: "text/x-component" }, body };
}

function signInForm(): FormData {
  // signInWithPassword(state, form): argument 0 is the state, "$K1" refers to the form fields "1_…".
  const form = new FormData();
  form.set("1_email", "");
  form.set("1_password", "");
  form.set("0", JSON.stringify([{}, "$K1"]));
  return form;
}

/** next-auth's own POSTs need its CSRF token: the cookie and the form field it issues. */
async function withCsrf(target: string): Promise<RequestInit & { path: string }> {
  const response = await fetch(`${web.url}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((set) => set.split(";")[0])
    .join("; ");
  return {
    path: target,
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken }).toString(),
  };
}

type RouteCall = {
  request: () => (RequestInit & { path: string }) | Promise<RequestInit & { path: string }>;
  admitted: number[];
};

/** How each entry of ROUTE_ACCESS is called, and the statuses that mean "let in". */
const routeCalls: Record<string, RouteCall> = {
  // An empty body: admitted callers get 400 from validation, so no advice is generated.
  "POST /api/chat": { request: () => ({ path: "/api/chat", method: "POST", body: "" }), admitted: [400] },
  "GET /api/v1/openapi.json": { request: () => ({ path: "/api/v1/openapi.json" }), admitted: [200] },
  "GET /api/v1/docs": { request: () => ({ path: "/api/v1/docs" }), admitted: [200] },
  "GET /api/v1/docs/[asset]": { request: () => ({ path: "/api/v1/docs/swagger-init.js" }), admitted: [200] },
  // No columns named: admitted callers get 400 before any CSV is read.
  "POST /api/fairness-report": {
    request: () => ({ path: "/api/fairness-report", method: "POST", body: "" }),
    admitted: [400],
  },
  "GET /api/health": { request: () => ({ path: "/api/health" }), admitted: [200] },
  "GET /api/metrics": { request: () => ({ path: "/api/metrics" }), admitted: [200] },
  "GET /api/auth/session": { request: () => ({ path: "/api/auth/session" }), admitted: [200] },
  "GET /api/auth/providers": { request: () => ({ path: "/api/auth/providers" }), admitted: [200] },
  "POST /api/auth/signout": { request: () => withCsrf("/api/auth/signout"), admitted: [302] },
  // Empty fields: the action answers "Enter your email and password." without trying them.
  "action signInWithPassword": { request: () => actionRequest("signInWithPassword", signInForm()), admitted: [200] },
  // Redirects: an action called from the page answers 200 and names the target in x-action-redirect.
  // Single sign-on is not configured here, so that action sends the caller back to the sign-in page.
  "action signInWithOidc": { request: () => actionRequest("signInWithOidc", JSON.stringify([])), admitted: [200] },
  "action signOutAction": { request: () => actionRequest("signOutAction", JSON.stringify([])), admitted: [200] },
};

/** Route handlers as the app defines them: `METHOD /api/…` for each exported method of each route.ts. */
function definedRoutes(dir = path.join(root, "app", "api")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return definedRoutes(full);
    if (entry.name !== "route.ts") return [];
    const route = `/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`;
    const source = fs.readFileSync(full, "utf8");
    const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) =>
      new RegExp(
        `export (async function ${method}\\b|const \\{[^}]*\\b${method}\\b|\\{[^}]*\\b${method}\\b[^}]*\\})`,
      ).test(source),
    );
    return methods.map((method) => `${method} ${route}`);
  });
}

describe("route handlers and server actions", () => {
  it("the table names every route handler and server action the app has, and no other", () => {
    // tRPC has its own table; next-auth's catch-all is represented by the paths it serves.
    const covered = (route: string) =>
      route.endsWith("/api/trpc/[trpc]") ||
      // The REST operations, each a tRPC procedure, have their own table (REST_ACCESS, below).
      route.endsWith("/api/v1/[[...path]]") ||
      (route.includes("/api/auth/[...nextauth]") &&
        Object.keys(ROUTE_ACCESS).some((key) => key.startsWith(`${route.split(" ")[0]} /api/auth/`))) ||
      route in ROUTE_ACCESS;
    const routes = definedRoutes();
    expect(routes.filter((route) => !covered(route))).toEqual([]);
    const actions = Object.keys(actionIds()).map((name) => `action ${name}`);
    expect(
      Object.keys(ROUTE_ACCESS)
        .filter((key) => key.startsWith("action "))
        .sort(),
    ).toEqual(actions.sort());
    expect(Object.keys(routeCalls).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  describe.each(Object.entries(ROUTE_ACCESS).map(([route, required]) => ({ route, required })))(
    "$route ($required)",
    ({ route, required }) => {
      it.each(CALLER_NAMES)("as %s", async (caller) => {
        const { path: target, headers, ...init } = await routeCalls[route]!.request();
        const own = (headers ?? {}) as Record<string, string>;
        const theirs = headersOf[caller];
        const cookie = [own.cookie, theirs.cookie].filter(Boolean).join("; ");
        const response = await fetch(`${web.url}${target}`, {
          ...init,
          redirect: "manual",
          headers: { origin: web.url, ...own, ...theirs, ...(cookie ? { cookie } : {}) },
        });
        await response.arrayBuffer();
        expect(outcomeOf(response.status, routeCalls[route]!.admitted)).toBe(expectedOutcome(required, caller));
      });
    },
  );
});

// ---- the partner REST API (/api/v1) ------------------------------------------------------------

describe("REST under /api/v1", () => {
  describe.each(Object.entries(REST_ACCESS).map(([route, required]) => ({ route, required })))(
    "$route ($required)",
    ({ route, required }) => {
      it.each(CALLER_NAMES)("as %s", async (caller) => {
        const { path: target, body } = REST_CALLS[route]!;
        const response = await fetch(`${web.url}${target}`, {
          method: route.split(" ")[0],
          headers: { ...headersOf[caller], ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        await response.arrayBuffer();
        // Past the guard: a result, or the placeholder's 400 / 404.
        expect(outcomeOf(response.status, [200, 400, 404])).toBe(expectedOutcome(required, caller));
      });
    },
  );
});
