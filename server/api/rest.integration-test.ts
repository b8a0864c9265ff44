import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExperiment } from "@/server/experiments";
import { createPartnerKey, revokePartnerKey } from "@/server/partners";
import { indexWith } from "@/test/index-fixture";
import { testRelease } from "@/test/releases";
import { expectConsoleError } from "@/test/console";
import { startRestServer } from "@/test/rest-server";
import { PARTNER_SCOPES, type PartnerScope } from "../auth";
import { MAX_JSON_BODY_BYTES } from "../http";
import { serveRest } from ".";

/**
 * /api/v1 over real HTTP (test/rest-server.ts serves serveRest as the Next.js route does) against
 * the real database, Redis and advisor: each operation, and each kind of error as a problem
 * document naming what is wrong, with the request's id.
 */

let server: Awaited<ReturnType<typeof startRestServer>>;

async function key(scopes: PartnerScope[]): Promise<string> {
  return (await createPartnerKey({ name: `rest ${randomUUID()}`, scopes }, "test")).key;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, apiKey?: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** A problem document's fields, checked against RFC 9457's shape and the response's request id. */
function problem(answer: Answer) {
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(answer.body.requestId).toBe(answer.headers.get("x-request-id"));
  expect(answer.body.type).toBe(`https://apfa.dev/problems/${String(answer.body.code).replaceAll("_", "-")}`);
  expect(answer.body.status).toBe(answer.status);
  expect(typeof answer.body.title).toBe("string");
  const { status, code, detail, fieldErrors } = answer.body;
  return { status, code, detail, fieldErrors };
}

const question = "I rent and my card utilization is 85%. Should I borrow $12,000 over 60 months?";

beforeAll(async () => {
  await indexWith();
  server = await startRestServer();
});

afterAll(async () => {
  await server?.close();
});

describe("POST /advice", () => {
  let apiKey: string;
  beforeAll(async () => {
    apiKey = await key(["advice"]);
  });

  it("answers with the contract's fields, the request's id and the partner's rate limit", async () => {
    const answer = await call("POST", "/advice", apiKey, { query: question, userId: "acme-42" });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(
      [
        "adviceId",
        "advice",
        "sources",
        "bias",
        "recommendation",
        "quotedAmounts",
        "quotedRates",
        "release",
        "experiment",
        "variant",
        "versions",
        "indexVersion",
        "latencyMs",
      ].sort(),
    );
    expect(answer.body.variant).toBe("default");
    expect(answer.headers.get("x-request-id")).toBeTruthy();
    expect(answer.headers.get("ratelimit-limit")).toBe("60");
    expect(Number(answer.headers.get("ratelimit-remaining"))).toBeLessThan(60);
  });

  it("carries a partner's sane x-request-id through to the response", async () => {
    const response = await fetch(`${server.baseUrl}/advice`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "x-request-id": "acme-req-1" },
      body: JSON.stringify({ query: question, userId: "acme-43" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("acme-req-1");
  });

  it("400: names each invalid field", async () => {
    const answer = await call("POST", "/advice", apiKey, { query: "", userId: 7 });
    expect(problem(answer)).toEqual({
      status: 400,
      code: "bad_request",
      detail: "Invalid request: query: the question is empty: ask about a loan; userId: userId must be text",
      fieldErrors: { query: ["the question is empty: ask about a loan"], userId: ["userId must be text"] },
    });
  });

  it("400: a body that is not JSON", async () => {
    expect(problem(await call("POST", "/advice", apiKey, "query=hello"))).toMatchObject({
      status: 400,
      detail: "The body must be JSON.",
    });
  });

  it("401: without a key, and with a revoked one, saying which", async () => {
    const none = await call("POST", "/advice", undefined, { query: question, userId: "u" });
    expect(problem(none)).toMatchObject({ status: 401, code: "unauthorized", detail: expect.stringMatching(/Bearer/) });
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="apfa"');
    const created = await createPartnerKey({ name: `rest revoked ${randomUUID()}`, scopes: ["advice"] }, "test");
    await revokePartnerKey(created.id, "test", "rest test");
    expect(problem(await call("POST", "/advice", created.key, { query: question, userId: "u" }))).toMatchObject({
      status: 401,
      detail: "That API key is not valid or has been revoked.",
    });
  });

  it("403: a key without the advice scope", async () => {
    expect(
      problem(await call("POST", "/advice", await key(["registry:read"]), { query: question, userId: "u" })),
    ).toMatchObject({ status: 403, code: "forbidden", detail: "This API key lacks the 'advice' scope." });
  });

  it(`413: a body over ${MAX_JSON_BODY_BYTES} bytes, before it is parsed`, async () => {
    const answer = await call("POST", "/advice", apiKey, { query: "x".repeat(MAX_JSON_BODY_BYTES), userId: "u" });
    expect(problem(answer)).toMatchObject({ status: 413, code: "payload_too_large" });
  });
});

describe("GET /advice/{id} and POST /advice/{id}/feedback", () => {
  let apiKey: string;
  let adviceId: string;
  beforeAll(async () => {
    apiKey = await key(["advice"]);
    adviceId = String((await call("POST", "/advice", apiKey, { query: question, userId: "acme-7" })).body.adviceId);
  });

  it("reads the partner's own request back, and records its feedback", async () => {
    expect(await call("POST", `/advice/${adviceId}/feedback`, apiKey, { rating: 4, thumbs: "up" })).toMatchObject({
      status: 200,
      body: { adviceId, recorded: true },
    });
    const answer = await call("GET", `/advice/${adviceId}`, apiKey);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      adviceId,
      userId: "acme-7",
      query: question,
      status: "ok",
      variant: "default",
      feedback: { rating: 4, thumbs: "up" },
    });
  });

  it("404: another partner's request, on read and on feedback", async () => {
    const other = await key(["advice"]);
    expect(problem(await call("GET", `/advice/${adviceId}`, other))).toMatchObject({ status: 404, code: "not_found" });
    expect(problem(await call("POST", `/advice/${adviceId}/feedback`, other, { rating: 1 }))).toMatchObject({
      status: 404,
    });
  });

  it("400: an id that is not a UUID, and feedback with neither rating nor thumbs", async () => {
    expect(problem(await call("GET", "/advice/not-a-uuid", apiKey))).toMatchObject({
      status: 400,
      fieldErrors: { id: ["id must be an advice request's id (a UUID)"] },
    });
    expect(problem(await call("POST", `/advice/${adviceId}/feedback`, apiKey, { rating: 9 }))).toMatchObject({
      status: 400,
      fieldErrors: { rating: ["rating is 1 to 5"] },
    });
    expect(problem(await call("POST", `/advice/${adviceId}/feedback`, apiKey, {}))).toMatchObject({
      status: 400,
      fieldErrors: { body: ["give a rating or a thumbs up/down"] },
    });
  });
});

describe("releases, experiments and fairness audits (registry:read)", () => {
  let apiKey: string;
  let release: string;
  let experiment: string;
  beforeAll(async () => {
    apiKey = await key(["registry:read"]);
    release = await testRelease();
    experiment = `rest-${randomUUID().slice(0, 8)}`;
    const { aliasedRelease } = await import("@/server/registry");
    const production = (await aliasedRelease("production"))!.version;
    await createExperiment({ key: experiment, variants: [production, release] }, "test");
  });

  it("lists releases and reads one with its gates", async () => {
    const list = await call("GET", "/releases", apiKey);
    expect(list.status).toBe(200);
    expect((list.body.releases as { version: string }[]).map((r) => r.version)).toContain(release);
    const one = await call("GET", `/releases/${release}`, apiKey);
    expect(one).toMatchObject({ status: 200, body: { version: release, archived: false } });
    expect((one.body.gates as unknown[]).length).toBeGreaterThan(0);
    expect(problem(await call("GET", "/releases/99.99.99-none", apiKey))).toMatchObject({
      status: 404,
      detail: "release: there is no release 99.99.99-none",
    });
  });

  it("lists experiments, reads one and its results", async () => {
    const list = await call("GET", "/experiments", apiKey);
    expect((list.body.experiments as { key: string }[]).map((e) => e.key)).toContain(experiment);
    expect(await call("GET", `/experiments/${experiment}`, apiKey)).toMatchObject({
      status: 200,
      body: { key: experiment, status: "draft", variants: [expect.any(String), release] },
    });
    const results = await call("GET", `/experiments/${experiment}/results`, apiKey);
    expect(results).toMatchObject({ status: 200, body: { experiment: { key: experiment }, breachedArms: [] } });
    expect((results.body.arms as unknown[]).length).toBe(2);
    expect(problem(await call("GET", "/experiments/no-such-experiment/results", apiKey))).toMatchObject({
      status: 404,
    });
  });

  it("lists fairness audits (of a release) and refuses an unknown one", async () => {
    expect(await call("GET", `/fairness-audits?release=${release}`, apiKey)).toMatchObject({
      status: 200,
      body: { audits: [] },
    });
    expect(problem(await call("GET", "/fairness-audits/999999999", apiKey))).toMatchObject({
      status: 404,
      detail: "no fairness audit 999999999",
    });
    expect(problem(await call("GET", "/fairness-audits/abc", apiKey))).toMatchObject({ status: 400 });
  });

  it("403 for a key with only the advice scope; 401 without a key", async () => {
    expect(problem(await call("GET", "/releases", await key(["advice"])))).toMatchObject({
      status: 403,
      detail: "This API key lacks the 'registry:read' scope.",
    });
    expect(problem(await call("GET", "/experiments"))).toMatchObject({ status: 401 });
  });
});

describe("unknown routes", () => {
  it("404 problem naming the method and path", async () => {
    const apiKey = await key([...PARTNER_SCOPES]);
    expect(problem(await call("GET", "/no-such-thing", apiKey))).toEqual({
      status: 404,
      code: "not_found",
      detail: "There is no GET /api/v1/no-such-thing in this API: the operations are listed in /api/v1/openapi.json.",
      fieldErrors: undefined,
    });
    expect(problem(await call("DELETE", "/advice", apiKey))).toMatchObject({ status: 404 });
  });
});

describe("an unexpected failure", () => {
  it("is a 500 problem without internals, logged with the request's id", async () => {
    const { result, messages } = await expectConsoleError(/request failed/, () =>
      serveRest(new Request("http://localhost/api/v1/releases", { headers: { "x-request-id": "rest-500" } }), () =>
        Promise.reject(new Error("connect ECONNREFUSED 10.0.0.7:5432 as apfa_admin")),
      ),
    );
    expect(result.status).toBe(500);
    const body = (await result.json()) as Record<string, unknown>;
    expect(body).toEqual({
      type: "https://apfa.dev/problems/internal",
      title: "Internal error",
      status: 500,
      detail: "Something went wrong on our side; it has been logged.",
      code: "internal",
      requestId: "rest-500",
    });
    expect(messages.join("\n")).toMatch(/ECONNREFUSED/);
    expect(messages.join("\n")).toMatch(/rest-500/);
  });
});
