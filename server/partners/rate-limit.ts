import { env } from "../env";
import { AppError } from "../errors";
import { getRedis } from "../redis";

/** Fixed one-minute window per partner in Redis, shared by every web instance. */
export async function enforceRateLimit(
  partner: { id: string },
  limit = env.PARTNER_RATE_LIMIT_PER_MINUTE,
): Promise<void> {
  const window = Math.floor(Date.now() / 60_000);
  const key = `${env.APFA_QUEUE_PREFIX}:ratelimit:${partner.id}:${window}`;
  const [[, used]] = (await getRedis().multi().incr(key).expire(key, 120).exec()) as [[Error | null, number]];
  if (used > limit) {
    throw new AppError("rate_limited", `Rate limit of ${limit} requests a minute exceeded.`, {
      retryAfterSeconds: 60 - Math.floor((Date.now() / 1000) % 60),
    });
  }
}
