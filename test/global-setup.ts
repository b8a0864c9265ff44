import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { freePort, startLocalPostgres, startLocalRedis } from "../server/local-services";

/**
 * Services for the integration project, once per run, in the main vitest process:
 * - PostgreSQL: with DATABASE_URL, a fresh `apfa_it_<id>` database on that server, dropped at the
 *   end; without it, the embedded PostgreSQL in a temp dir.
 * - Redis: with REDIS_URL, that server under a unique key prefix, whose keys are deleted at the
 *   end; without it, a local redis-server in a temp dir.
 * The resulting variables are written to process.env before any test worker starts; vitest builds
 * each forked worker's environment from process.env after global setup, so every worker (and
 * every CLI child a test spawns) sees them. test/setup/integration.ts checks that they arrived.
 */

/**
 * How to undo one thing: `run` in the normal teardown, `abort` when vitest exits without one
 * (on Ctrl-C it calls process.exit, so only synchronous code still runs). The services are
 * started in their own process groups, so nothing else would stop them.
 */
interface Cleanup {
  what: string;
  run(): Promise<void>;
  abort(): void;
}

export default async function setup(): Promise<() => Promise<void>> {
  const runId = `apfa_it_${randomBytes(5).toString("hex")}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-it-"));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data dir inside.
  fs.chmodSync(tmp, 0o755);
  const removeTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  const cleanups: Cleanup[] = [{ what: "temp dir", run: async () => removeTmp(), abort: removeTmp }];

  const abortAll = () => {
    for (const cleanup of [...cleanups].reverse()) {
      try {
        cleanup.abort();
      } catch {
        // Best effort: the process is exiting.
      }
    }
  };
  process.once("exit", abortAll);

  const teardown = async () => {
    process.off("exit", abortAll);
    const failures: string[] = [];
    for (const cleanup of [...cleanups].reverse()) {
      await cleanup.run().catch((error: Error) => failures.push(`${cleanup.what}: ${error.message}`));
    }
    if (failures.length > 0) throw new Error(`integration teardown failed:\n${failures.join("\n")}`);
  };

  try {
    const databaseUrl = process.env.DATABASE_URL
      ? await createDatabase(process.env.DATABASE_URL, runId, cleanups)
      : await startPostgres(tmp, runId, cleanups);
    const redisUrl = process.env.REDIS_URL
      ? sharedRedis(process.env.REDIS_URL, runId, cleanups)
      : await startRedis(tmp, cleanups);

    process.env.DATABASE_URL = databaseUrl;
    process.env.REDIS_URL = redisUrl;
    process.env.APFA_QUEUE_PREFIX = runId;
    // Index artifacts and anything else the code keeps on disk go to the run's temp dir.
    process.env.APFA_DATA_DIR = path.join(tmp, "data");
    // Hash embedder and grounded analyzer: the real model providers have their own tests on tiny models.
    process.env.APFA_EMBEDDER = "hash";
    process.env.APFA_ANALYZER = "grounded";
    process.env.APFA_IT_RUN = runId;

    // Imported only now: server/env reads process.env once, when first imported.
    const { closeDb, runMigrations } = await import("../server/db");
    await runMigrations();
    await closeDb();
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
  return teardown;
}

/**
 * Runs an ES module snippet in a child node process and waits for it. Cleanup of external
 * servers goes through this in both paths, so the exit path (synchronous only) is the tested one.
 */
function runNodeSync(what: string, code: string, args: string[]): void {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", code, ...args], {
    cwd: path.resolve(import.meta.dirname, ".."),
    encoding: "utf8",
    timeout: 30_000,
  });
  if (result.status !== 0)
    throw new Error(`${what} failed: ${result.stderr?.trim() || result.error?.message || result.signal}`);
}

const DROP_DATABASE = `
import pg from "pg";
const [url, name] = process.argv.slice(1);
const client = new pg.Client({ connectionString: url });
await client.connect();
// A test worker killed mid-run can leave a connection open; it would block the drop.
await client.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
await client.query('drop database if exists "' + name + '"');
await client.end();
`;

const DELETE_KEYS = `
import { Redis } from "ioredis";
const [url, prefix] = process.argv.slice(1);
const redis = new Redis(url, { maxRetriesPerRequest: 1 });
for await (const keys of redis.scanStream({ match: prefix + "*", count: 500 })) if (keys.length > 0) await redis.del(...keys);
await redis.quit();
`;

/** A fresh database on the server DATABASE_URL points at, so the run never touches existing data. */
async function createDatabase(serverUrl: string, name: string, cleanups: Cleanup[]): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const drop = () => runNodeSync(`drop database ${name}`, DROP_DATABASE, [serverUrl, name]);
  cleanups.push({ what: `database ${name}`, run: async () => drop(), abort: drop });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A shared Redis: everything this run creates lives under `<runId>…` and is deleted afterwards. */
function sharedRedis(url: string, runId: string, cleanups: Cleanup[]): string {
  const deleteKeys = () => runNodeSync(`delete Redis keys ${runId}*`, DELETE_KEYS, [url, runId]);
  cleanups.push({ what: `Redis keys ${runId}*`, run: async () => deleteKeys(), abort: deleteKeys });
  return url;
}

/** SIGKILL to a whole process group (a service and its children); throwaway data needs no clean stop. */
function killGroup(pid: number, what: string): () => void {
  // process.kill(-0) would signal vitest's own group: refuse anything but a real pid.
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`could not find the pid of ${what}`);
  return () => process.kill(-pid, "SIGKILL");
}

async function startPostgres(tmp: string, database: string, cleanups: Cleanup[]): Promise<string> {
  const dataDir = path.join(tmp, "postgres");
  const postgres = await startLocalPostgres({
    dataDir,
    port: await freePort(),
    password: randomBytes(12).toString("hex"),
    logFile: path.join(tmp, "postgres.log"),
    database,
  });
  const cleanup: Cleanup = { what: "embedded PostgreSQL", run: postgres.stop, abort: () => undefined };
  cleanups.push(cleanup);
  // The postmaster's pid is the first line of postmaster.pid; startLocalPostgres does not expose it.
  cleanup.abort = killGroup(
    Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]),
    cleanup.what,
  );
  return postgres.url;
}

async function startRedis(tmp: string, cleanups: Cleanup[]): Promise<string> {
  const redis = await startLocalRedis({
    dataDir: path.join(tmp, "redis"),
    port: await freePort(),
    logFile: path.join(tmp, "redis.log"),
  });
  const cleanup: Cleanup = { what: "local Redis", run: redis.stop, abort: () => undefined };
  cleanups.push(cleanup);
  const client = new Redis(redis.url);
  const info = await client.info("server").finally(() => client.disconnect());
  cleanup.abort = killGroup(Number(/process_id:(\d+)/.exec(info)?.[1]), cleanup.what);
  return redis.url;
}
