import os from "node:os";
import type { Redis } from "ioredis";
import { env } from "../env";
import { logger } from "../logger";

/** Workers announce themselves in Redis; a key that expires means a worker that stopped beating. */

const INTERVAL_MS = 5_000;
const TTL_MS = 15_000;
const key = (id: string) => `${env.APFA_QUEUE_PREFIX}:worker:${id}`;
const log = logger.child("heartbeat");

export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  at: string;
}

/**
 * One worker's beat: writes its key, and never throws (it runs on a timer), but a write that
 * fails is logged, since /api/health then reports no worker while this one is running. The same
 * failure is logged once, not every 5 s; its end is logged too.
 */
export function heartbeatWriter(redis: Redis, id: string): () => Promise<void> {
  const startedAt = new Date().toISOString();
  let failing: string | undefined;
  return async () => {
    const beat: WorkerBeat = { id, host: os.hostname(), pid: process.pid, startedAt, at: new Date().toISOString() };
    try {
      await redis.set(key(id), JSON.stringify(beat), "PX", TTL_MS);
      if (failing !== undefined) log.info("worker heartbeat written again", { worker: id });
      failing = undefined;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== failing) {
        log.error("worker heartbeat write failed: health reports no worker until it succeeds", {
          worker: id,
          key: key(id),
          error: message,
        });
      }
      failing = message;
    }
  };
}

export function startHeartbeat(redis: Redis, id: string): () => Promise<void> {
  const beat = heartbeatWriter(redis, id);
  void beat();
  const timer = setInterval(() => void beat(), INTERVAL_MS);
  return async () => {
    clearInterval(timer);
    // Shutting down either way; a key left behind only expires later (health shows the worker 15 s longer).
    await redis
      .del(key(id))
      .catch((error: Error) => log.warn("could not remove the worker heartbeat", { worker: id, error: error.message }));
  };
}

export async function liveWorkers(redis: Redis): Promise<WorkerBeat[]> {
  const keys = await redis.keys(`${env.APFA_QUEUE_PREFIX}:worker:*`);
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values.flatMap((value) => {
    if (!value) return [];
    try {
      return [JSON.parse(value) as WorkerBeat];
    } catch {
      return [];
    }
  });
}
