import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { adviceRequests, runAdvice } from "../advice";
import { getDb } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { Redis } from "ioredis";
import { getRedis } from "../redis";
import { createPartnerKey, enforceRateLimit, partnerUsageOf, rateLimitHeaders } from "../partners";
import { handle, requirePartner } from "./handle";
import { IDEMPOTENCY_TTL_SECONDS, withIdempotency } from "./idempotency";

/**
 * Idempotency-Key on a partner POST that stores real advice (PostgreSQL, the exact index, Redis),
 * through the request path a partner route takes: handle → requirePartner → enforceRateLimit →
 * withIdempotency → the handler.
 */

beforeAll(async () => {
  await indexWith();
});

const question = (n = 1) => JSON.stringify({ query: `Should I borrow $${n},000 over 36 months?`, userId: "idem-1" });

async function newPartner(rateLimit = { points: 1000, unit: "m" as const }) {
  return createPartnerKey({ name: `Idempotency ${randomUUID()}`, scopes: ["advice"], rateLimit }, "test-admin");
}

function post(key: string, body: string, idempotencyKey?: string): Request {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
  return new Request("http://localhost/api/v1/advice", { method: "POST", headers, body });
}

/** What a partner advice route does with a request: answer it, storing one advice request. */
async function advise(request: Request, partnerId: string): Promise<Response> {
  const input = (await request.json()) as { query: string; userId: string };
  const result = await runAdvice({ question: input.query, channel: "api", partnerId, externalUserId: input.userId });
  return Response.json({ adviceId: result.adviceId, advice: result.advice }, { status: 201 });
}

/** The partner route as the REST handlers run it. */
function route(request: Request, options: Parameters<typeof withIdempotency>[3] = {}) {
  return handle("POST /api/v1/advice", request, async () => {
    const partner = await requirePartner(request, "advice");
    const limit = await enforceRateLimit(partner);
    const response = await withIdempotency(partner.id, request, (body) => advise(body, partner.id), options);
    for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value);
    return response;
  });
}

const storedFor = async (partnerId: string) =>
  (await getDb().select({ n: count() }).from(adviceRequests).where(eq(adviceRequests.partnerId, partnerId)))[0]!.n;

describe("Idempotency-Key", () => {
  it("replays the first response to a retry with the same key and body, storing nothing new", async () => {
    const partner = await newPartner();
    const key = randomUUID();
    const first = await route(post(partner.key, question(), key));
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotency-replayed")).toBeNull();
    const firstBody = await first.text();

    const retry = await route(post(partner.key, question(), key));
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotency-replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(await retry.text()).toBe(firstBody);
    // Each response names its own request and the limit as it stands now.
    expect(retry.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(Number(retry.headers.get("ratelimit-remaining"))).toBe(Number(first.headers.get("ratelimit-remaining")) - 1);
    expect(await storedFor(partner.id)).toBe(1);

    // Without the header, or with another key, the same body is a new request.
    expect((await route(post(partner.key, question()))).status).toBe(201);
    expect((await route(post(partner.key, question(), randomUUID()))).status).toBe(201);
    expect(await storedFor(partner.id)).toBe(3);
  });

  it("refuses the same key with a different body (422) and stores nothing", async () => {
    const partner = await newPartner();
    const key = randomUUID();
    expect((await route(post(partner.key, question(1), key))).status).toBe(201);
    const refused = await route(post(partner.key, question(2), key));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: {
        code: "unprocessable",
        message: "This Idempotency-Key was already used with a different body; send a new key for a different request.",
      },
    });
    expect(await storedFor(partner.id)).toBe(1);
  });

  it("keeps one partner's keys apart from another's", async () => {
    const [a, b] = [await newPartner(), await newPartner()];
    const key = randomUUID();
    expect((await route(post(a.key, question(1), key))).status).toBe(201);
    const other = await route(post(b.key, question(2), key));
    expect(other.status).toBe(201);
    expect(other.headers.get("idempotency-replayed")).toBeNull();
  });

  it("refuses a retry while the first is still being processed (409), then replays it", async () => {
    const scope = randomUUID();
    const key = randomUUID();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let runs = 0;
    const slow = async () => {
      runs++;
      started();
      await held;
      return Response.json({ done: true });
    };
    const request = () =>
      new Request("http://localhost/x", { method: "POST", headers: { "idempotency-key": key }, body: "{}" });

    const first = withIdempotency(scope, request(), slow);
    await running;
    const error = await withIdempotency(scope, request(), slow).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "conflict",
      status: 409,
      message: "A request with this Idempotency-Key is still being processed; retry once it has finished.",
    });
    release();
    expect((await first).status).toBe(200);
    const replay = await withIdempotency(scope, request(), slow);
    expect(replay.headers.get("idempotency-replayed")).toBe("true");
    expect(runs).toBe(1);
  });

  it("keeps a key for 24 hours, and runs the request again once it has expired", async () => {
    const partner = await newPartner();
    const key = randomUUID();
    expect((await route(post(partner.key, question(1), key))).status).toBe(201);
    const { id } = partner;
    const redisKey = `${env.APFA_QUEUE_PREFIX}:idem:${id}:${key}`;
    const ttl = await getRedis().ttl(redisKey);
    expect(ttl).toBeGreaterThan(IDEMPOTENCY_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(IDEMPOTENCY_TTL_SECONDS);

    const shortKey = randomUUID();
    expect((await route(post(partner.key, question(1), shortKey), { ttlSeconds: 1 })).status).toBe(201);
    const shortRedisKey = `${env.APFA_QUEUE_PREFIX}:idem:${id}:${shortKey}`;
    // Until Redis has expired it: its own expiry, not a guess at how long that takes.
    for (let ms = await getRedis().pttl(shortRedisKey); ms !== -2; ms = await getRedis().pttl(shortRedisKey)) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(ms, 10)));
    }
    // Expired: the key is free again, even for another body.
    const again = await route(post(partner.key, question(2), shortKey));
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBeNull();
    // One for each key, and one more for the expired key's second life.
    expect(await storedFor(id)).toBe(3);
  });

  it("does not keep a failure a retry could cure, so the retry runs again", async () => {
    const scope = randomUUID();
    const key = randomUUID();
    const request = () =>
      new Request("http://localhost/x", { method: "POST", headers: { "idempotency-key": key }, body: "{}" });
    let runs = 0;
    const flaky = async () => (++runs === 1 ? Response.json({}, { status: 503 }) : Response.json({ ok: true }));
    expect((await withIdempotency(scope, request(), flaky)).status).toBe(503);
    expect((await withIdempotency(scope, request(), flaky)).status).toBe(200);
    // A thrown error other than a final 4xx releases the key too.
    const otherKey = randomUUID();
    const throwing = () => Promise.reject(new Error("lost the database"));
    const request2 = () =>
      new Request("http://localhost/x", { method: "POST", headers: { "idempotency-key": otherKey }, body: "{}" });
    await expect(withIdempotency(scope, request2(), throwing)).rejects.toThrow("lost the database");
    expect((await withIdempotency(scope, request2(), flaky)).status).toBe(200);
    // A final refusal (the body was invalid) is kept and replayed.
    const badKey = randomUUID();
    const request3 = () =>
      new Request("http://localhost/x", { method: "POST", headers: { "idempotency-key": badKey }, body: "{" });
    const invalid = () => Promise.reject(new AppError("bad_request", "The body must be JSON."));
    expect((await withIdempotency(scope, request3(), invalid)).status).toBe(400);
    const replay = await withIdempotency(scope, request3(), flaky);
    expect(replay.status).toBe(400);
    expect(replay.headers.get("idempotency-replayed")).toBe("true");
  });

  it.each(["", "spaced key", "é", "x".repeat(256), "tab\tkey"])(
    "refuses the key %j with 400 naming the header",
    async (key) => {
      const partner = await newPartner();
      const request = new Request("http://localhost/api/v1/advice", {
        method: "POST",
        headers: { authorization: `Bearer ${partner.key}`, "idempotency-key": key },
        body: question(),
      });
      const response = await route(request);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        "The Idempotency-Key header must be 1 to 255 visible ASCII characters (no spaces), e.g. a UUID.",
      );
      expect(await storedFor(partner.id)).toBe(0);
    },
  );

  it("replays a response without a body", async () => {
    const scope = randomUUID();
    const key = randomUUID();
    const request = () =>
      new Request("http://localhost/x", { method: "POST", headers: { "idempotency-key": key }, body: "{}" });
    const empty = async () => new Response(null, { status: 204 });
    expect((await withIdempotency(scope, request(), empty)).status).toBe(204);
    const replay = await withIdempotency(scope, request(), empty);
    expect(replay.status).toBe(204);
    expect(replay.headers.get("idempotency-replayed")).toBe("true");
  });

  it("ignores the header on other methods", async () => {
    let runs = 0;
    const run = async () => Response.json({ n: ++runs });
    const get = () => new Request("http://localhost/x", { headers: { "idempotency-key": "k" } });
    await withIdempotency(randomUUID(), get(), run);
    expect(((await (await withIdempotency(randomUUID(), get(), run)).json()) as { n: number }).n).toBe(2);
  });

  it("refuses with 503 naming Redis, running nothing, when Redis cannot be reached", async () => {
    // A connection that never connects: each command fails at once, as with Redis down. The
    // outage is the route's warning, not an error line of this store (the suite fails on those).
    const down = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    let runs = 0;
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: { "idempotency-key": randomUUID() },
      body: "{}",
    });
    const error = await withIdempotency(randomUUID(), request, async () => Response.json({ n: ++runs }), {
      redis: down,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "unavailable", status: 503 });
    expect((error as AppError).message).toMatch(/Redis is unreachable/);
    expect(runs).toBe(0);
    down.disconnect();
  });
});

describe("a partner route's usage", () => {
  it("counts each admitted call by outcome: ok, rate_limited, error", async () => {
    const partner = await newPartner({ points: 2, unit: "m" });
    const { id } = partner;
    expect((await route(post(partner.key, question(1)))).status).toBe(201);
    // Invalid: refused by the idempotency check after the limiter counted it.
    const bad = post(partner.key, question(2), "has space");
    expect((await route(bad)).status).toBe(400);
    const limited = await route(post(partner.key, question(3)));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(limited.headers.get("ratelimit-limit")).toBe("2");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("ratelimit-policy")).toBe("2;w=60");
    // A call with a bad key is nobody's usage.
    const forged = `${partner.key.slice(0, -1)}${partner.key.endsWith("A") ? "B" : "A"}`;
    expect((await route(post(forged, question(4)))).status).toBe(401);
    expect((await partnerUsageOf(id, "24h")).totals).toEqual({ ok: 1, rateLimited: 1, error: 1 });
  });
});
