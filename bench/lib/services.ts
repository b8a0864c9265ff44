import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startLocalPostgres, startLocalRedis } from "../../server/local-services";

/**
 * PostgreSQL and Redis for a benchmark, in a temp dir (unless DATABASE_URL / REDIS_URL are set),
 * and the environment the product code reads. Call before importing anything under server/:
 * server/env.ts reads the environment once.
 */
export async function startBenchServices(name: string, env: Record<string, string> = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `apfa-bench-${name}-`));
  fs.chmodSync(tmp, 0o755);
  const stops: (() => Promise<void>)[] = [];
  if (!process.env.DATABASE_URL) {
    const pg = await startLocalPostgres({
      dataDir: path.join(tmp, "pg"),
      port: await freePort(),
      password: "bench-password",
      logFile: path.join(tmp, "pg.log"),
    });
    process.env.DATABASE_URL = pg.url;
    stops.push(pg.stop);
  }
  if (!process.env.REDIS_URL) {
    const redis = await startLocalRedis({
      dataDir: path.join(tmp, "redis"),
      port: await freePort(),
      logFile: path.join(tmp, "redis.log"),
    });
    process.env.REDIS_URL = redis.url;
    stops.push(redis.stop);
  }
  Object.assign(process.env, {
    APFA_DATA_DIR: path.join(tmp, "data"),
    APFA_EMBEDDER: "hash",
    APFA_ANALYZER: "grounded",
    LOG_LEVEL: "warn",
    ...env,
  });
  return {
    tmp,
    async stop() {
      for (const stop of stops.reverse()) await stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
