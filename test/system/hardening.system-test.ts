import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { encode } from "next-auth/jwt";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/server/auth";
import { getDb } from "@/server/db";
import { freePort } from "@/server/local-services";
import { createPartnerKey } from "@/server/partners";
import { startHeartbeat } from "@/server/queues";
import { getRedis } from "@/server/redis";
import {
  errorMessage,
  hostileBody,
  hostileInput,
  httpCases,
  OVERSIZED_BYTES,
  operationsFromOpenApi,
  rowCounts,
  type HttpOperation,
} from "@/test/fuzz";
import { indexWith } from "@/test/index-fixture";
import { startWeb, SYSTEM_AUTH_SECRET, type WebInstance } from "./processes";

/**
 * The hardening of README's "Security" section against `next start` (the production build): the
 * security headers and CSP nonce, the cross-site refusal, body limits, credentials kept out of
 * URLs and logs, and the fuzz of the chat route and the REST API over real HTTP.
 */

const SESSION_COOKIE = "authjs.session-token";

let web: WebInstance;
let stopHeartbeat: () => Promise<void>;
let borrowerCookie: string;
let adminCookie: string;
let partnerKey: string;

async function sessionCookie(role: "borrower" | "admin"): Promise<string> {
  const [user] = await getDb()
    .insert(users)
    .values({ email: `hardening-${role}-${randomUUID()}@test.local`, name: `Hardening ${role}`, role })
    .returning();
  const token = await encode({
    token: { sub: user!.id, uid: user!.id, role, email: user!.email, name: user!.name },
    secret: SYSTEM_AUTH_SECRET,
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${token}`;
}

beforeAll(async () => {
  await indexWith();
  stopHeartbeat = startHeartbeat(getRedis(), `hardening-${randomUUID().slice(0, 8)}`);
  borrowerCookie = await sessionCookie("borrower");
  adminCookie = await sessionCookie("admin");
  partnerKey = (await createPartnerKey({ name: `hardening ${randomUUID()}`, scopes: ["advice"] }, "test")).key;
  // Debug level: whatever the product can log, the credential checks below read.
  web = await startWeb("web-hardening", await freePort(), {
    LOG_LEVEL: "debug",
    PARTNER_RATE_LIMIT_PER_MINUTE: "100000",
  });
});

afterAll(async () => {
  await web?.process.stop();
  await stopHeartbeat?.();
});

const createPartner = (headers: Record<string, string>) =>
  fetch(`${web.url}/api/trpc/partners.create`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: { name: `csrf ${randomUUID()}`, scopes: ["advice"] } }),
  });

describe("security headers", () => {
  it("gives a page a CSP whose nonce is on every script Next.js renders, and the other security headers", async () => {
    const response = await fetch(`${web.url}/sign-in`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic';/);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    // A fresh nonce per response.
    const again = (await fetch(`${web.url}/sign-in`)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it("sends HSTS only for a request that came over TLS, and headers on API answers and static files", async () => {
    const tls = await fetch(`${web.url}/api/health`, { headers: { "x-forwarded-proto": "https" } });
    expect(tls.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(tls.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const html = await (await fetch(`${web.url}/sign-in`)).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const file = await fetch(`${web.url}${asset}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("cross-site requests", () => {
  it("refuses a cross-origin tRPC mutation with a valid session cookie (403, nothing stored), and admits the same origin", async () => {
    const before = await rowCounts();
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const headers of crossSite) {
      const refused = await createPartner({ cookie: adminCookie, ...headers });
      expect(refused.status).toBe(403);
      expect(errorMessage(await refused.json())).toMatch(/^Cross-site request refused: a POST with a session cookie/);
    }
    expect(await rowCounts()).toEqual(before);
    const admitted = await createPartner({ cookie: adminCookie, origin: web.url, "sec-fetch-site": "same-origin" });
    expect(admitted.status).toBe(200);
    expect((await rowCounts()).partner_keys).toBe(before.partner_keys! + 1);
  });

  it("refuses a cross-origin chat post with a session cookie; a partner's bearer call is no cookie and is not refused", async () => {
    const chat = await fetch(`${web.url}/api/chat`, {
      method: "POST",
      headers: { cookie: borrowerCookie, origin: "https://evil.example", "content-type": "text/plain" },
      body: JSON.stringify({ question: "Should I borrow $5,000 over 36 months?" }),
    });
    expect(chat.status).toBe(403);
    await chat.arrayBuffer();
    const partner = await fetch(`${web.url}/api/v1/advice`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${partnerKey}`,
        origin: "https://partner.example",
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(partner.status).toBe(400);
    await partner.arrayBuffer();
  });
});

describe("body limits and credentials in URLs", () => {
  const big = JSON.stringify({ question: "x".repeat(OVERSIZED_BYTES) });

  it("refuses a declared oversized body in the proxy and an undeclared (chunked) one in the handler, with 413", async () => {
    for (const path of ["/api/chat", "/api/trpc/advice.feedback", "/api/v1/advice"]) {
      const declared = await fetch(`${web.url}${path}`, {
        method: "POST",
        headers: { cookie: borrowerCookie, "content-type": "application/json" },
        body: big,
      });
      expect(declared.status, path).toBe(413);
      // The partner API answers in problem documents, the proxy's refusals included.
      if (path.startsWith("/api/v1")) expect(declared.headers.get("content-type")).toBe("application/problem+json");
      expect(errorMessage(await declared.json())).toBe("The body is larger than the 65536 bytes this API accepts.");
    }
    for (const path of ["/api/chat", "/api/trpc/advice.feedback", "/api/v1/advice"]) {
      const chunked = await fetch(`${web.url}${path}`, {
        method: "POST",
        headers: { cookie: borrowerCookie, "content-type": "application/json" },
        body: new Blob([big]).stream(),
        duplex: "half",
      } as RequestInit);
      expect(chunked.headers.get("content-length")).not.toBe(String(big.length));
      expect(chunked.status, path).toBe(413);
      expect(errorMessage(await chunked.json())).toMatch(/larger than the 65536 bytes/);
    }
  });

  it("refuses a key in the query string, naming the parameter", async () => {
    const response = await fetch(`${web.url}/api/trpc/partners.whoami?api_key=${encodeURIComponent(partnerKey)}`);
    expect(response.status).toBe(400);
    expect(errorMessage(await response.json())).toContain('query parameter "api_key"');
  });
});

describe("credentials in logs", () => {
  it("writes neither a session token nor a partner key into the product's log, whatever the request did", async () => {
    const from = fs.statSync(web.logFile).size;
    const calls: [string, RequestInit][] = [
      ["/api/trpc/me.get", { headers: { cookie: borrowerCookie } }],
      ["/api/trpc/partners.whoami", { headers: { authorization: `Bearer ${partnerKey}` } }],
      ["/api/trpc/partners.whoami", { headers: { authorization: `Bearer ${partnerKey}x` } }],
      [
        "/api/chat",
        {
          method: "POST",
          headers: { cookie: borrowerCookie, "content-type": "application/json" },
          body: JSON.stringify({ question: "I earn $52,000. Should I borrow $9,000 over 36 months?" }),
        },
      ],
      [
        "/api/v1/advice",
        {
          method: "POST",
          headers: { authorization: `Bearer ${partnerKey}`, "content-type": "application/json" },
          body: JSON.stringify({ query: "Should I borrow $4,000 over 36 months?", userId: "log-check" }),
        },
      ],
      ["/api/v1/advice", { method: "POST", headers: { authorization: `Bearer ${partnerKey}` }, body: "{" }],
      ["/api/trpc/partners.create", { method: "POST", headers: { cookie: borrowerCookie }, body: "{}" }],
    ];
    for (const [path, init] of calls) {
      const response = await fetch(`${web.url}${path}`, init);
      await response.arrayBuffer();
      expect(response.status, path).toBeLessThan(500);
    }
    // Log lines are written as they happen; give the last ones a moment to reach the file.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const written = fs.readFileSync(web.logFile, "utf8").slice(from);
    expect(written.length).toBeGreaterThan(0);
    const token = borrowerCookie.split("=")[1]!;
    const secret = partnerKey.split("_").slice(2).join("_");
    expect(written).not.toContain(token);
    expect(written).not.toContain(token.slice(-24));
    expect(written).not.toContain(secret);
  });
});

/** Calls `path` and checks the contract: < 500, a message on refusal, and a refusal changes nothing. */
async function expectContained(method: string, path: string, init: RequestInit): Promise<void> {
  const before = await rowCounts();
  const response = await fetch(`${web.url}${path}`, { method, ...init });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text.slice(0, 300)}`).toBeLessThan(500);
  // Refused before any handler runs, with an empty body whose status line is the message: a method
  // a route handler does not export (Next.js's 405), a URL or headers past Node's 16 KiB limit (431).
  if (response.status === 405 || response.status === 431) {
    expect(await rowCounts()).toEqual(before);
    return;
  }
  if (response.status >= 400) {
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // named below
    }
    expect(errorMessage(body), `${method} ${path} ${response.status}: ${text.slice(0, 300)}`).toMatch(/\S/);
    expect(await rowCounts()).toEqual(before);
  }
}

describe("fuzz over HTTP", () => {
  it("the chat route: hostile bodies get a 4xx with a message or an answer, never a 5xx, and a refusal changes nothing", async () => {
    const valid = { question: "Should I borrow $5,000 over 36 months?", conversationId: randomUUID() };
    await fc.assert(
      fc.asyncProperty(hostileBody(hostileInput(valid)), async (body) => {
        await expectContained("POST", "/api/chat", {
          headers: { cookie: borrowerCookie, origin: web.url, "content-type": body.contentType },
          body: body.text,
        });
      }),
      { numRuns: 30 },
    );
  });

  it("the REST API: every operation with hostile bodies, path values and methods", async () => {
    // The operations written here, and whatever the API's own document lists once it serves one.
    const operations: HttpOperation[] = [
      {
        method: "POST",
        path: "/api/v1/advice",
        body: { query: "Should I borrow $5,000 over 36 months?", userId: "u-1" },
      },
    ];
    const document = await fetch(`${web.url}/api/v1/openapi.json`);
    if (document.ok) operations.push(...operationsFromOpenApi((await document.json()) as object));
    else await document.arrayBuffer();
    await fc.assert(
      fc.asyncProperty(httpCases(operations), async (call) => {
        await expectContained(call.method, call.path, {
          headers: {
            authorization: `Bearer ${partnerKey}`,
            ...(call.body ? { "content-type": call.body.contentType } : {}),
          },
          body: call.body?.text,
        });
      }),
      { numRuns: 40 },
    );
  });
});
