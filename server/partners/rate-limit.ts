import { env } from "../env";
import { AppError } from "../errors";
import { getRedis } from "../redis";

/** Where a partner stands in its current window: what the RateLimit-* response headers report. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  windowSeconds: number;
}

/**
 * Counts one call against the partner's limit, shared by every web instance through Redis. Over
 * the limit it throws `rate_limited` whose details carry the state (`retryAfterSeconds` too).
 */
export async function enforceRateLimit(
  partner: { id: string },
  limit = env.PARTNER_RATE_LIMIT_PER_MINUTE,
): Promise<RateLimitState> {
  const windowSeconds = 60;
  const window = Math.floor(Date.now() / 1000 / windowSeconds);
  const key = `${env.APFA_QUEUE_PREFIX}:ratelimit:${partner.id}:${window}`;
  const [[, used]] = (await getRedis().multi().incr(key).expire(key, 120).exec()) as [[Error | null, number]];
  const resetSeconds = windowSeconds - Math.floor((Date.now() / 1000) % windowSeconds);
  const state = { limit, remaining: Math.max(0, limit - used), resetSeconds, windowSeconds };
  if (used > limit) {
    throw new AppError("rate_limited", `Rate limit of ${limit} requests a minute exceeded.`, {
      ...state,
      retryAfterSeconds: resetSeconds,
    });
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
