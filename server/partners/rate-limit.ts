import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { getRedis, redisOutage } from "../redis";
import { describeRateLimit, type RateLimitPolicy } from "./rate-limit-policy";

const log = logger.child("rate-limit");

/** Where a partner stands in its current window: what the RateLimit-* response headers report. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  windowSeconds: number;
}

/** The deployment's limit for a key that was never given its own. */
export const defaultRateLimit = (): RateLimitPolicy => ({ points: env.PARTNER_RATE_LIMIT_PER_MINUTE, seconds: 60 });

// One limiter per connection and policy: a limiter is only its options (the counts live in Redis),
// so keeping them avoids re-defining its Lua command on the connection for every call.
const limiters = new WeakMap<Redis, Map<string, RateLimiterRedis>>();

function limiterFor(redis: Redis, policy: RateLimitPolicy): RateLimiterRedis {
  const byPolicy = limiters.get(redis) ?? new Map<string, RateLimiterRedis>();
  limiters.set(redis, byPolicy);
  const keyPrefix = `${env.APFA_QUEUE_PREFIX}:ratelimit`;
  const id = `${keyPrefix}|${policy.points}/${policy.seconds}`;
  let limiter = byPolicy.get(id);
  if (!limiter) {
    limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points: policy.points,
      duration: policy.seconds,
      // No insuranceLimiter on purpose: a per-process memory limiter would let N web instances
      // admit N times the limit while Redis is down. We fail closed instead (decision 023).
      inMemoryBlockOnConsumed: 0,
    });
    byPolicy.set(id, limiter);
  }
  return limiter;
}

/**
 * The Redis key counting a partner's calls under a policy. The policy is part of it, so a changed
 * limit starts a fresh window instead of inheriting a count (or an hour-long TTL) from the old one.
 */
export const rateLimitKey = (partnerId: string, policy: RateLimitPolicy) =>
  `${partnerId}:${policy.points}/${policy.seconds}`;

/**
 * Counts one call against the partner's limit, shared by every web instance through Redis
 * (rate-limiter-flexible's fixed window, one atomic Lua INCR per call). The limit is `limit` when
 * given (a number is per minute), else the key's own (`partner.rateLimit`, from verifyPartnerKey),
 * else PARTNER_RATE_LIMIT_PER_MINUTE per 60 s. Over the limit it throws `rate_limited` whose
 * details carry the state and `retryAfterSeconds`; with Redis unreachable, `unavailable` (503).
 */
export async function enforceRateLimit(
  partner: { id: string; rateLimit?: RateLimitPolicy | null },
  limit?: number | RateLimitPolicy,
  options: { redis?: Redis } = {},
): Promise<RateLimitState> {
  const policy =
    typeof limit === "number" ? { points: limit, seconds: 60 } : (limit ?? partner.rateLimit ?? defaultRateLimit());
  const limiter = limiterFor(options.redis ?? getRedis(), policy);
  let outcome: RateLimiterRes;
  let refused = false;
  try {
    outcome = await limiter.consume(rateLimitKey(partner.id, policy));
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) {
      // An outage is logged once by the Redis connection and per call by the route (a warning);
      // anything else is a failure of its own.
      if (!redisOutage(rejection)) log.error("rate limiter failed", { partnerId: partner.id, error: rejection });
      throw new AppError(
        "unavailable",
        "Redis is unavailable: rate limits cannot be checked, so the call was refused. Retry shortly.",
      );
    }
    outcome = rejection;
    refused = true;
  }
  // Whole seconds, rounded up: a caller that waits resetSeconds finds the window reset.
  const resetSeconds = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
  const state: RateLimitState = {
    limit: policy.points,
    remaining: outcome.remainingPoints,
    resetSeconds,
    windowSeconds: policy.seconds,
  };
  if (refused) {
    throw new AppError(
      "rate_limited",
      `Rate limit of ${describeRateLimit(policy)} exceeded; retry in ${resetSeconds} s.`,
      {
        ...state,
        retryAfterSeconds: resetSeconds,
      },
    );
  }
  return state;
}

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) for a state. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
    "RateLimit-Policy": `${state.limit};w=${state.windowSeconds}`,
  };
}
