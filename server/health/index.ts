import { sql } from "drizzle-orm";
import { getDb } from "../db";
import { getLiveIndex, instanceId, loadedIndexes } from "../index-store";
import { resolveAnalyzer } from "../llm";
import { resolveEmbedder } from "../embedding";
import { logger } from "../logger";
import { liveWorkers } from "../queues";
import { getRedis } from "../redis";

/** GET /api/health: each dependency "ok" or the reason it is not; 503 names what failed. */

export interface HealthReport {
  status: "ok" | "error";
  db: string;
  redis: string;
  worker: string;
  workers: number;
  index: { status: string; version?: string; vectors?: number; embedder?: string; instance?: string; loaded?: number };
  models: { embedder: string; analyzer: string };
  failing: string[];
}

const log = logger.child("health");

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms),
    ),
  ]);
}

async function check(name: string, probe: () => Promise<string>): Promise<string> {
  try {
    return await withTimeout(probe(), 2_000, name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`${name} health check failed`, { error: message });
    return `error: ${message}`;
  }
}

export async function checkHealth(): Promise<HealthReport> {
  let workers = 0;
  let index: HealthReport["index"] = { status: "error" };
  const models = { embedder: "", analyzer: "" };
  const [db, redis, worker, indexStatus, embedder, analyzer] = await Promise.all([
    check("db", async () => {
      await getDb().execute(sql`select 1`);
      return "ok";
    }),
    check("redis", async () => ((await getRedis().ping()) === "PONG" ? "ok" : "error: unexpected PING reply")),
    check("worker", async () => {
      workers = (await liveWorkers(getRedis())).length;
      return workers > 0 ? "ok" : "error: no worker heartbeat in the last 15 s";
    }),
    // The first probe also warms the index and models; until they are loaded the instance is not ready.
    check("index", async () => {
      const live = await getLiveIndex();
      index = {
        status: "ok",
        version: live.manifest.version,
        vectors: live.manifest.vectors,
        embedder: live.manifest.embedderVersion,
        instance: instanceId,
        loaded: loadedIndexes().length,
      };
      return "ok";
    }),
    check("embedder", async () => (models.embedder = (await resolveEmbedder()).version) && "ok"),
    check("analyzer", async () => (models.analyzer = (await resolveAnalyzer()).version) && "ok"),
  ]);
  if (indexStatus !== "ok") index = { status: indexStatus };
  if (embedder !== "ok") models.embedder = embedder;
  if (analyzer !== "ok") models.analyzer = analyzer;
  const parts = { db, redis, worker, index: indexStatus, embedder, analyzer };
  const failing = Object.entries(parts)
    .filter(([, value]) => value !== "ok")
    .map(([name]) => name);
  return { status: failing.length === 0 ? "ok" : "error", db, redis, worker, workers, index, models, failing };
}
