import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adviceRequests } from "@/server/advice";
import { getDb } from "@/server/db";
import { createPartnerKey, partnerUsageOf, type CreatePartnerKeyInput } from "@/server/partners";
import { indexWith } from "@/test/index-fixture";
import { startRestServer } from "@/test/rest-server";

/**
 * The partner API's key limits and Idempotency-Key as a partner meets them: through two REST
 * servers sharing one Redis and one database, as two web instances behind a load balancer do.
 */

let servers: Awaited<ReturnType<typeof startRestServer>>[] = [];
const question = "I rent and my card utilization is 85%. Should I borrow $12,000 over 60 months?";

async function newKey(rateLimit?: CreatePartnerKeyInput["rateLimit"]) {
  const created = await createPartnerKey({ name: `limits ${randomUUID()}`, scopes: ["advice"], rateLimit }, "test");
  return { id: created.id, key: created.key };
}

async function ask(instance: number, key: string, body: unknown, idempotencyKey?: string) {
  const response = await fetch(`${servers[instance]!.baseUrl}/advice`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const storedFor = async (partnerId: string) =>
  (await getDb().select({ n: count() }).from(adviceRequests).where(eq(adviceRequests.partnerId, partnerId)))[0]!.n;

beforeAll(async () => {
  await indexWith();
  servers = [await startRestServer(), await startRestServer()];
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe("a key's own rate limit across two instances", () => {
  it("admits the limit in total, counts it down in RateLimit-* and refuses the next with a 429 problem", async () => {
    const { id, key } = await newKey({ points: 3, unit: "m" });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await ask(i % 2, key, { query: question, userId: `u${i}` });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("ratelimit-limit")).toBe("3");
      expect(answer.headers.get("ratelimit-policy")).toBe("3;w=60");
      remaining.push(answer.headers.get("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);

    const refused = await ask(1, key, { query: question, userId: "u3" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.body).toMatchObject({ code: "rate_limited", status: 429, retryAfterSeconds: retryAfter });
    expect(String(refused.body.detail)).toMatch(/rate limit/i);

    expect(await storedFor(id)).toBe(3);
    expect((await partnerUsageOf(id, "24h")).totals).toEqual({ ok: 3, rateLimited: 1, error: 0 });
  });
});

describe("Idempotency-Key on POST /advice across two instances", () => {
  it("replays the first answer for the same key and body, storing nothing new", async () => {
    const { id, key } = await newKey();
    const idem = randomUUID();
    const body = { query: question, userId: "idem-1" };
    const first = await ask(0, key, body, idem);
    expect(first.status).toBe(200);
    const retry = await ask(1, key, body, idem);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotency-replayed")).toBe("true");
    expect(retry.body.adviceId).toBe(first.body.adviceId);
    expect(retry.body.advice).toBe(first.body.advice);
    expect(await storedFor(id)).toBe(1);
  });

  it("refuses the same key with another body as a 422 problem, storing nothing", async () => {
    const { id, key } = await newKey();
    const idem = randomUUID();
    expect((await ask(0, key, { query: question, userId: "idem-2" }, idem)).status).toBe(200);
    const changed = await ask(1, key, { query: `${question} Over 36 months?`, userId: "idem-2" }, idem);
    expect(changed.status).toBe(422);
    expect(changed.headers.get("content-type")).toBe("application/problem+json");
    expect(changed.body).toMatchObject({ code: "unprocessable", status: 422 });
    expect(String(changed.body.detail)).toMatch(/Idempotency-Key/);
    expect(await storedFor(id)).toBe(1);
  });

  it("keeps one partner's keys apart from another's", async () => {
    const a = await newKey();
    const b = await newKey();
    const idem = randomUUID();
    const body = { query: question, userId: "idem-3" };
    const fromA = await ask(0, a.key, body, idem);
    const fromB = await ask(0, b.key, body, idem);
    expect(fromB.headers.get("idempotency-replayed")).toBeNull();
    expect(fromB.body.adviceId).not.toBe(fromA.body.adviceId);
    expect([await storedFor(a.id), await storedFor(b.id)]).toEqual([1, 1]);
  });
});
