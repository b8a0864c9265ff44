import fs from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findRunningProduct, freePort, waitFor, type RunningProduct } from "@/server/local-services";
import { startProduct, type WebInstance } from "./processes";

/**
 * `npm start` on embedded defaults restarts the part that died: its local Redis, its embedded
 * PostgreSQL, its worker and its web server are SIGKILLed in turn; the supervisor says so, starts it again on the same
 * port and data directory, and the product is healthy again without anyone stepping in. Ctrl-C
 * (SIGTERM here) still stops everything cleanly.
 */

const root = path.resolve(import.meta.dirname, "../..");
// The data directory cli-local-product uses, kept between runs: only the first start ingests the corpus.
const dataDir = path.join(root, ".data", "system-cli");
let product: WebInstance;
let services: RunningProduct;

const log = () => fs.readFileSync(product.logFile, "utf8");

async function healthy(): Promise<void> {
  await waitFor("the product's health", async () => (await fetch(`${product.url}/api/health`)).ok, {
    timeoutMs: 90_000,
    intervalMs: 250,
    abort: product.process.exited,
  });
}

async function sawInLog(pattern: RegExp, from: number): Promise<void> {
  await waitFor(`supervisor log line ${pattern}`, async () => pattern.test(log().slice(from)), {
    timeoutMs: 90_000,
    intervalMs: 200,
    abort: product.process.exited,
  });
}

async function redisInfo<T>(read: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    return await read(redis);
  } finally {
    redis.disconnect();
  }
}

beforeAll(async () => {
  product = await startProduct("npm-start-restarts", await freePort(), dataDir);
  const found = findRunningProduct(dataDir);
  if (found.status !== "running") throw new Error(`no running product recorded in ${dataDir}: ${found.status}`);
  services = found.record;
});

afterAll(async () => {
  await product?.process.stop("SIGTERM", 30_000);
});

it("restarts its local Redis when it is killed, and says so", async () => {
  const from = log().length;
  const pid = await redisInfo(async (redis) => Number(/process_id:(\d+)/.exec(await redis.info("server"))?.[1]));
  process.kill(pid, "SIGKILL");
  await sawInLog(/Redis exited unexpectedly \(code null, signal SIGKILL\); restarting \(attempt 1\)/, from);
  await sawInLog(/Redis restarted \(attempt 1\)/, from);
  await healthy();
});

it("restarts its embedded PostgreSQL when it is killed, and says so", async () => {
  const from = log().length;
  // The postmaster's pid is the first line of postmaster.pid in its data directory.
  const pid = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
  // The postmaster's group: its backends go with it, as in a crash of the whole server.
  process.kill(-pid, "SIGKILL");
  await sawInLog(/PostgreSQL exited unexpectedly \(code null, signal SIGKILL\); restarting \(attempt 1\)/, from);
  await sawInLog(/PostgreSQL restarted \(attempt 1\)/, from);
  await healthy();
});

it("restarts its worker when it is killed, and says so", async () => {
  const from = log().length;
  const pids = await redisInfo(async (redis) => {
    const keys = await redis.keys("*:worker:*");
    const beats = await redis.mget(...keys);
    return beats.flatMap((beat) => (beat ? [(JSON.parse(beat) as { pid: number }).pid] : []));
  });
  expect(pids).toHaveLength(1);
  process.kill(-pids[0]!, "SIGKILL");
  await sawInLog(/worker exited unexpectedly \(code null, signal SIGKILL\); restarting \(attempt 1\)/, from);
  await sawInLog(/worker restarted \(attempt 1\)/, from);
  // A new worker's heartbeat: the one the test killed has expired or is replaced.
  await waitFor(
    "the restarted worker's heartbeat",
    async () =>
      redisInfo(async (redis) => {
        const beats = await redis.mget(...(await redis.keys("*:worker:*")));
        return beats.some((beat) => beat && (JSON.parse(beat) as { pid: number }).pid !== pids[0]);
      }),
    { timeoutMs: 90_000, intervalMs: 250 },
  );
  await healthy();
});

/** The supervisor's child whose command line contains `marker` (from /proc: Linux). */
function childOfSupervisor(marker: string): number {
  const supervisor = product.process.child.pid!;
  const pids = fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === supervisor && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker)) return Number(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no child of the supervisor runs ${marker}`);
}

it("restarts its web server when it is killed, and says so", async () => {
  const from = log().length;
  process.kill(-childOfSupervisor("next"), "SIGKILL");
  await sawInLog(/web exited unexpectedly \(code null, signal SIGKILL\); restarting \(attempt 1\)/, from);
  await sawInLog(/web restarted \(attempt 1\)/, from);
  await healthy();
});

it("still stops everything cleanly on SIGTERM, restarting nothing", async () => {
  const from = log().length;
  await product.process.stop("SIGTERM", 30_000);
  expect(await product.process.exited).toEqual({ code: 0, signal: null });
  const tail = log().slice(from);
  expect(tail).toMatch(/\[apfa\] stopped/);
  expect(tail).not.toMatch(/exited unexpectedly|restarting/);
});
