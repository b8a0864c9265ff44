import { sql } from "drizzle-orm";
import { getDb } from "../db";
import { getLiveIndex, instanceId, loadedIndexes } from "../index-store";
import type { AdviceVersions } from "../agent";
import { decideServing } from "../serving";
import { logger } from "../logger";
import { knownFailure } from "../outage";
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
  /** The production release this instance serves, and its components. */
  release: { status: string; version?: string; components?: AdviceVersions };
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
    // "PostgreSQL is unavailable: connect ECONNREFUSED …" rather than drizzle's "Failed query: select 1".
    const message = knownFailure(error)?.message ?? (error instanceof Error ? error.message : String(error));
    log.warn(`${name} health check failed`, { error: message });
    return `error: ${message}`;
  }
}

export async function checkHealth(): Promise<HealthReport> {
  let workers = 0;
  let index: HealthReport["index"] = { status: "error" };
  const models = { embedder: "", analyzer: "" };
  let release: HealthReport["release"] = { status: "error" };
  const [db, redis, worker, indexStatus, releaseStatus] = await Promise.all([
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
    // The release a request would be served by now, its engines loaded (the first probe loads them).
    check("release", async () => {
      const decision = await decideServing({ channel: "api" });
      decision.done();
      release = { status: "ok", version: decision.release, components: decision.versions };
      models.embedder = decision.engines.embedder.version;
      models.analyzer = decision.engines.analyzer.version;
      return "ok";
    }),
  ]);
  if (indexStatus !== "ok") index = { status: indexStatus };
  if (releaseStatus !== "ok") {
    release = { status: releaseStatus };
    models.embedder = models.analyzer = releaseStatus;
  }
  const parts = { db, redis, worker, index: indexStatus, release: releaseStatus };
  const failing = Object.entries(parts)
    .filter(([, value]) => value !== "ok")
    .map(([name]) => name);
  return { status: failing.length === 0 ? "ok" : "error", db, redis, worker, workers, index, release, models, failing };
}
