import { Redis } from "ioredis";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";

export { redisOutage } from "./outage";

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
    // A request's command waits through one reconnect attempt, then fails (a 503 naming Redis).
    maxRetriesPerRequest: options.blocking ? null : 1,
    // …and never longer than this once sent, should Redis stop answering without closing.
    commandTimeout: options.blocking ? undefined : 5_000,
    connectTimeout: 3_000,
    // Reconnect forever, at most a second apart: back within a second of Redis's return.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
    connectionName: `apfa:${purpose}`,
    lazyConnect: false,
  });
  // ioredis retries on its own and emits every failed attempt: one line when the outage starts
  // (or its reason changes), one when the connection is back.
  let lastError = "";
  redis.on("error", (error: Error) => {
    if (error.message !== lastError) log.error("Redis connection error", { purpose, error: error.message });
    lastError = error.message;
  });
  redis.on("ready", () => {
    if (lastError) log.info("Redis connection re-established", { purpose });
    lastError = "";
  });
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
