import { Redis } from "ioredis";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";

const log = logger.child("redis");

function redisUrl(): string {
  if (!env.REDIS_URL) {
    throw new AppError("unavailable", "REDIS_URL is not set: start the product with `npm start`, or set REDIS_URL");
  }
  return env.REDIS_URL;
}

/**
 * A new connection. BullMQ workers need `maxRetriesPerRequest: null` (blocking commands
 * must wait through reconnects); request paths want a fast failure instead.
 */
export function createRedis(purpose: string, options: { blocking?: boolean } = {}): Redis {
  const redis = new Redis(redisUrl(), {
    maxRetriesPerRequest: options.blocking ? null : 1,
    connectionName: `apfa:${purpose}`,
    lazyConnect: false,
  });
  let lastError = "";
  redis.on("error", (error: Error) => {
    // ioredis retries on its own; log each distinct failure once instead of every retry.
    if (error.message !== lastError) log.error("Redis connection error", { purpose, error: error.message });
    lastError = error.message;
  });
  redis.on("ready", () => (lastError = ""));
  return redis;
}

const globalForRedis = globalThis as unknown as { apfaRedis?: Redis };

/** The shared connection for short commands (health, heartbeats, counters). */
export function getRedis(): Redis {
  globalForRedis.apfaRedis ??= createRedis("shared");
  return globalForRedis.apfaRedis;
}

export async function closeRedis(): Promise<void> {
  const current = globalForRedis.apfaRedis;
  globalForRedis.apfaRedis = undefined;
  await current?.quit().catch(() => current.disconnect());
}
