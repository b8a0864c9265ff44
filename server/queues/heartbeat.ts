import os from "node:os";
import type { Redis } from "ioredis";
import { env } from "../env";

/** Workers announce themselves in Redis; a key that expires means a worker that stopped beating. */

const INTERVAL_MS = 5_000;
const TTL_MS = 15_000;
const key = (id: string) => `${env.APFA_QUEUE_PREFIX}:worker:${id}`;

export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  at: string;
}

export function startHeartbeat(redis: Redis, id: string): () => Promise<void> {
  const startedAt = new Date().toISOString();
  const beat = () =>
    redis
      .set(
        key(id),
        JSON.stringify({ id, host: os.hostname(), pid: process.pid, startedAt, at: new Date().toISOString() }),
        "PX",
        TTL_MS,
      )
      .catch(() => undefined);
  void beat();
  const timer = setInterval(beat, INTERVAL_MS);
  return async () => {
    clearInterval(timer);
    await redis.del(key(id)).catch(() => undefined);
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
