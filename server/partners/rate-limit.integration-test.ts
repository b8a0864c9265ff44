import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { AppError } from "../errors";
import { createRedis } from "../redis";
import {
  createPartnerKey,
  enforceRateLimit,
  rateLimitHeaders,
  rateLimitKey,
  verifyPartnerKey,
  type RateLimitPolicy,
} from ".";

/**
 * The limiter against the real Redis. Two web instances are two processes, each with its own
 * connection; here, two connections (and so two sets of limiters) on the same Redis.
 */

const instanceA = createRedis("rate-limit-test-a");
const instanceB = createRedis("rate-limit-test-b");
afterAll(async () => {
  await Promise.all([instanceA.quit(), instanceB.quit()]);
});

const partner = (rateLimit: RateLimitPolicy | null = null) => ({
  id: randomUUID(),
  name: "Rate Test",
  scopes: [],
  rateLimit,
});

async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Until Redis has dropped the window's counter: its own expiry, not a guess at how long that takes. */
async function windowEnds(partnerId: string, policy: RateLimitPolicy): Promise<void> {
  const key = `${env.APFA_QUEUE_PREFIX}:ratelimit:${rateLimitKey(partnerId, policy)}`;
  for (;;) {
    const ms = await instanceA.pttl(key);
    if (ms === -2) return;
    await new Promise((resolve) => setTimeout(resolve, Math.max(ms, 10)));
  }
}

describe("enforceRateLimit", () => {
  it("lets a partner make `limit` calls a minute, then refuses with rate_limited and a retry delay", async () => {
    const caller = partner();
    for (let i = 0; i < 3; i++) await enforceRateLimit(caller, 3);
    await expect(enforceRateLimit(caller, 3)).rejects.toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: expect.any(Number) as number },
    });
    // Another partner has its own window.
    await expect(enforceRateLimit({ ...caller, id: randomUUID() }, 3)).resolves.toMatchObject({
      limit: 3,
      remaining: 2,
    });
  });

  it("holds one combined limit across two web instances sharing Redis", async () => {
    const caller = partner({ points: 4, seconds: 60 });
    const states = [];
    // Alternating instances: each sees the other's calls.
    for (const redis of [instanceA, instanceB, instanceA, instanceB])
      states.push(await enforceRateLimit(caller, undefined, { redis }));
    expect(states.map((state) => state.remaining)).toEqual([3, 2, 1, 0]);
    for (const redis of [instanceA, instanceB]) {
      const error = await refusal(enforceRateLimit(caller, undefined, { redis }));
      expect(error.code).toBe("rate_limited");
      expect(error.message).toMatch(/^Rate limit of 4 requests per minute exceeded; retry in \d+ s\.$/);
    }
  });

  it("holds the limit under concurrent calls from both instances", async () => {
    const caller = partner({ points: 10, seconds: 60 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        enforceRateLimit(caller, undefined, { redis: i % 2 ? instanceA : instanceB }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(10);
  });

  it("gives each key its own limit, read from the key itself", async () => {
    const fast = await createPartnerKey(
      { name: `Fast ${randomUUID()}`, scopes: ["advice"], rateLimit: { points: 5, unit: "s" } },
      "test-admin",
    );
    const slow = await createPartnerKey(
      { name: `Slow ${randomUUID()}`, scopes: ["advice"], rateLimit: { points: 2, unit: "h" } },
      "test-admin",
    );
    const defaulted = await createPartnerKey({ name: `Default ${randomUUID()}`, scopes: ["advice"] }, "test-admin");

    const fastPartner = (await verifyPartnerKey(fast.key))!;
    const slowPartner = (await verifyPartnerKey(slow.key))!;
    const defaultPartner = (await verifyPartnerKey(defaulted.key))!;
    expect(fastPartner.rateLimit).toEqual({ points: 5, seconds: 1 });
    expect(slowPartner.rateLimit).toEqual({ points: 2, seconds: 3600 });
    expect(defaultPartner.rateLimit).toBeNull();

    expect(await enforceRateLimit(fastPartner)).toMatchObject({ limit: 5, remaining: 4, windowSeconds: 1 });
    expect(await enforceRateLimit(slowPartner)).toMatchObject({ limit: 2, remaining: 1, windowSeconds: 3600 });
    expect(await enforceRateLimit(defaultPartner)).toMatchObject({
      limit: env.PARTNER_RATE_LIMIT_PER_MINUTE,
      remaining: env.PARTNER_RATE_LIMIT_PER_MINUTE - 1,
      windowSeconds: 60,
    });
    await enforceRateLimit(slowPartner);
    expect((await refusal(enforceRateLimit(slowPartner))).message).toMatch(
      /^Rate limit of 2 requests per hour exceeded/,
    );
  });

  it("reports the window in RateLimit-* headers, and Retry-After when refused", async () => {
    const caller = partner({ points: 2, seconds: 3600 });
    const first = await enforceRateLimit(caller);
    expect(first.resetSeconds).toBeGreaterThan(3590);
    expect(first.resetSeconds).toBeLessThanOrEqual(3600);
    expect(rateLimitHeaders(first)).toEqual({
      "RateLimit-Limit": "2",
      "RateLimit-Remaining": "1",
      "RateLimit-Reset": String(first.resetSeconds),
      "RateLimit-Policy": "2;w=3600",
    });
    await enforceRateLimit(caller);
    const error = await refusal(enforceRateLimit(caller));
    expect(error.status).toBe(429);
    expect(error.details).toMatchObject({ limit: 2, remaining: 0, windowSeconds: 3600 });
    const { retryAfterSeconds, resetSeconds } = error.details as { retryAfterSeconds: number; resetSeconds: number };
    expect(retryAfterSeconds).toBe(resetSeconds);
    expect(retryAfterSeconds).toBeGreaterThan(3590);
  });

  it("admits the partner again once its window has reset", async () => {
    const policy = { points: 2, seconds: 1 };
    const caller = partner(policy);
    await enforceRateLimit(caller);
    await enforceRateLimit(caller);
    const error = await refusal(enforceRateLimit(caller));
    expect(error.details).toMatchObject({ retryAfterSeconds: 1, resetSeconds: 1, windowSeconds: 1 });
    await windowEnds(caller.id, policy);
    expect(await enforceRateLimit(caller)).toMatchObject({ limit: 2, remaining: 1 });
  });

  it("starts a fresh window when a key's limit changes", async () => {
    const caller = partner({ points: 1, seconds: 3600 });
    await enforceRateLimit(caller);
    await expect(enforceRateLimit(caller)).rejects.toMatchObject({ code: "rate_limited" });
    expect(await enforceRateLimit({ ...caller, rateLimit: { points: 3, seconds: 3600 } })).toMatchObject({
      remaining: 2,
    });
  });

  it("fails closed with 503 naming Redis when Redis cannot be reached", async () => {
    // A connection that never connects: each command fails at once, as with Redis down.
    const down = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    // An outage is not the limiter's own failure: no error line (the route warns per refused call).
    const error = await refusal(enforceRateLimit(partner(), undefined, { redis: down }));
    expect(error.code).toBe("unavailable");
    expect(error.status).toBe(503);
    expect(error.message).toBe(
      "Redis is unavailable: rate limits cannot be checked, so the call was refused. Retry shortly.",
    );
    down.disconnect();
  });
});
