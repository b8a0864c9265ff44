import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  startLocalPostgres,
  startLocalRedis,
  waitFor,
  type LocalPostgres,
  type LocalRedis,
  type ServiceProcess,
} from "@/server/local-services";
import { expectProductError, startWeb, startWorker, SYSTEM_AUTH_SECRET, type WebInstance } from "./processes";

/**
 * Faults under steady load: Redis, PostgreSQL, the worker and one of two web instances
 * are each SIGKILLed and started again while a client sends partner advice requests.
 *
 * The test starts its OWN PostgreSQL and Redis, even when the suite runs on the machine's shared
 * servers: it kills them. The web instances and the worker get them as DATABASE_URL / REDIS_URL,
 * i.e. as external services, which they must ride out (no supervisor restarts anything here).
 *
 * The load alternates its requests between the two web instances. While a web instance is down,
 * requests to it fail with "connection refused" (what a load balancer's health check takes out of
 * rotation); the contract checked is that the other instance keeps serving.
 */

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
/** "Not a hang": every response during an outage comes within this bound. */
const ANSWER_BOUND_MS = 5_000;
/** Successful answers resume within this long of the part's return. */
const RECOVERY_BOUND_MS = 10_000;

interface Sample {
  instance: number;
  startedAt: number;
  endedAt: number;
  status: number;
  adviceId?: string;
  message?: string;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-faults-"));
fs.chmodSync(tmp, 0o755);
const prefix = `apfa_faults_${randomBytes(4).toString("hex")}`;
let postgres: LocalPostgres;
let redis: LocalRedis;
const pgOptions = {
  dataDir: path.join(tmp, "postgres"),
  port: 0,
  password: randomBytes(12).toString("hex"),
  logFile: path.join(tmp, "postgres.log"),
};
const redisOptions = { dataDir: path.join(tmp, "redis"), port: 0, logFile: path.join(tmp, "redis.log") };
let productEnv: Record<string, string> = {};
let webs: WebInstance[] = [];
let webPorts: number[] = [];
let worker: ServiceProcess;
let apiKey = "";
let borrowerCookie = "";
/** Advice ids whose feedback the product acknowledged with a 2xx. */
const feedbackAcknowledged: string[] = [];
const samples: Sample[] = [];
let loadRunning = false;
let load: Promise<void>[] = [];
const figures: { fault: string; outage503s: number; slowest503Ms: number | null; recoverySeconds: number }[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGKILL to a service's whole process group: PostgreSQL's backends and the postmaster die together. */
function kill(pid: number) {
  process.kill(-pid, "SIGKILL");
}

async function adviceRequest(instance: number, i: number): Promise<Sample> {
  const startedAt = Date.now();
  try {
    const response = await fetch(`http://127.0.0.1:${webPorts[instance]}/api/v1/advice`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        userId: `faults-${i % 7}`,
        query: `I rent in CA; is a 36 month loan of $${5000 + i} wise?`,
      }),
      // Far above ANSWER_BOUND_MS: a hang shows as a slow answer, not as an abort of ours.
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json().catch(() => ({}))) as {
      adviceId?: string;
      error?: { message?: string };
      detail?: string;
    };
    return {
      instance,
      startedAt,
      endedAt: Date.now(),
      status: response.status,
      adviceId: body.adviceId,
      // /api/v1 answers problem documents (detail); the chat route its { error } body.
      message: body.detail ?? body.error?.message,
    };
  } catch (error) {
    return { instance, startedAt, endedAt: Date.now(), status: 0, message: String((error as Error).cause ?? error) };
  }
}

/** A borrower's chat question, then thumbs-up feedback on its answer: the feedback rows to count. */
async function chatAndFeedback(instance: number, i: number): Promise<void> {
  const url = `http://127.0.0.1:${webPorts[instance]}`;
  const headers = { cookie: borrowerCookie, origin: url, "content-type": "application/json" };
  try {
    const chat = await fetch(`${url}/api/chat`, {
      method: "POST",
      headers,
      body: JSON.stringify({ question: `I own my home; should I borrow $${9000 + i} over 36 months?` }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!chat.ok) return;
    const events = (await chat.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; adviceId?: string });
    const adviceId = events.find((event) => event.type === "done")?.adviceId;
    if (!adviceId) return;
    const feedback = await fetch(`${url}/api/trpc/advice.feedback`, {
      method: "POST",
      headers,
      body: JSON.stringify({ json: { adviceId, thumbs: "up" } }),
      signal: AbortSignal.timeout(30_000),
    });
    if (feedback.ok) feedbackAcknowledged.push(adviceId);
  } catch {
    // A refused connection (the web instance is down): nothing was acknowledged.
  }
}

/**
 * Three partner clients, each alternating between the instances, ~15 requests a second in all, and
 * a borrower chatting and giving feedback, ~2 a second.
 */
function startLoad() {
  loadRunning = true;
  let n = 0;
  load = [0, 1, 2].map(async (client) => {
    for (let i = client; loadRunning; i += 3) {
      samples.push(await adviceRequest(i % 2, n++));
      await sleep(200);
    }
  });
  load.push(
    (async () => {
      for (let i = 0; loadRunning; i++) {
        await chatAndFeedback(i % 2, i);
        await sleep(300);
      }
    })(),
  );
}

const between = (from: number, to: number, instance?: number) =>
  samples.filter((s) => s.startedAt >= from && s.endedAt <= to && (instance === undefined || s.instance === instance));

/** Waits for an answer started after `since` with a 2xx (on `instance` if given); the time it took. */
async function recovery(since: number, instance?: number): Promise<number> {
  await waitFor(
    "successful answers after the part's return",
    async () =>
      samples.some((s) => s.startedAt >= since && s.status === 200 && (instance ?? s.instance) === s.instance),
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  const first = samples.find(
    (s) => s.startedAt >= since && s.status === 200 && (instance ?? s.instance) === s.instance,
  )!;
  return first.endedAt - since;
}

/** Every answer during the outage is a 503 whose message names the part, within the hang bound. */
function expectClear503s(outage: Sample[], part: RegExp) {
  expect(outage.length, "requests answered during the outage").toBeGreaterThan(0);
  for (const sample of outage) {
    expect(sample.status, JSON.stringify(sample)).toBe(503);
    expect(sample.message, JSON.stringify(sample)).toMatch(part);
    expect(sample.endedAt - sample.startedAt, JSON.stringify(sample)).toBeLessThan(ANSWER_BOUND_MS);
  }
}

/** /api/health during an outage: a 503 that names the part, answered within the hang bound. */
async function expectHealthNames(part: string) {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${webPorts[0]}/api/health`);
  const report = (await response.json()) as { failing: string[] };
  expect(Date.now() - started).toBeLessThan(ANSWER_BOUND_MS);
  expect(response.status).toBe(503);
  expect(report.failing).toContain(part);
}

function record(fault: string, outage: Sample[], recoveryMs: number) {
  const failures = outage.filter((s) => s.status === 503);
  figures.push({
    fault,
    outage503s: failures.length,
    slowest503Ms: failures.length ? Math.max(...failures.map((s) => s.endedAt - s.startedAt)) : null,
    recoverySeconds: Math.round(recoveryMs / 100) / 10,
  });
}

async function dbCount(client: pg.Client, table: string): Promise<number> {
  return Number((await client.query(`select count(*)::int as n from ${table}`)).rows[0].n);
}

beforeAll(async () => {
  pgOptions.port = await freePort();
  redisOptions.port = await freePort();
  postgres = await startLocalPostgres(pgOptions);
  redis = await startLocalRedis(redisOptions);
  productEnv = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    APFA_QUEUE_PREFIX: prefix,
    APFA_DATA_DIR: path.join(tmp, "data"),
    PARTNER_RATE_LIMIT_PER_MINUTE: "100000",
  };
  const fixture = await run(process.execPath, ["--import", "tsx", "test/system/faults-fixture.ts"], {
    cwd: root,
    env: { ...process.env, ...productEnv, LOG_LEVEL: "warn" },
  });
  const prepared = JSON.parse(fixture.stdout.trim().split("\n").at(-1)!) as { key: string; borrowerId: string };
  apiKey = prepared.key;
  // A session as next-auth issues it at sign-in (test/system/access.system-test.ts does the same).
  const cookieName = "authjs.session-token";
  const token = await encode({
    token: { sub: prepared.borrowerId, uid: prepared.borrowerId, role: "borrower", email: "borrower@apfa.local" },
    secret: SYSTEM_AUTH_SECRET,
    salt: cookieName,
  });
  borrowerCookie = `${cookieName}=${token}`;

  // Outages this test causes on purpose: each part logs the start of one (once, not per retry).
  expectProductError(
    /Redis connection error|PostgreSQL connection lost|queue connection failed|heartbeat write failed|reconcile failed|advice request failed|advice request could not be stored|subscribe failed|job failed|handling a .* failed|re-reading the running experiments failed|could not switch to the production release/,
  );
  worker = startWorker(productEnv);
  webPorts = [await freePort(), await freePort()];
  webs = await Promise.all(webPorts.map((port, i) => startWeb(`faults-web-${i}`, port, productEnv)));
  startLoad();
  await waitFor(
    "steady load",
    async () => samples.filter((s) => s.status === 200).length >= 20 && feedbackAcknowledged.length >= 2,
    {
      timeoutMs: 60_000,
    },
  );
});

afterAll(async () => {
  loadRunning = false;
  await Promise.all(load);
  await Promise.all([...webs.map((web) => web.process.stop()), worker?.stop()]);
  await redis?.stop();
  await postgres?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  if (figures.length > 0) {
    console.log(
      [
        "| fault | 503s during outage | slowest 503 (ms) | recovery after return (s) |",
        "| --- | --- | --- | --- |",
        ...figures.map((f) => `| ${f.fault} | ${f.outage503s} | ${f.slowest503Ms ?? "—"} | ${f.recoverySeconds} |`),
      ].join("\n"),
    );
    const acknowledged = samples.filter((s) => s.status === 200).length;
    console.log(`acknowledged with 2xx: ${acknowledged} advice requests, ${feedbackAcknowledged.length} feedbacks`);
  }
});

describe("faults under steady load", () => {
  let before: { partnerKeys: number; audit: number; releases: number };

  it("counts what is stored before the faults", async () => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    before = {
      partnerKeys: await dbCount(client, "partner_keys"),
      audit: await dbCount(client, "audit_log"),
      releases: await dbCount(client, "releases"),
    };
    await client.end();
    expect(before.partnerKeys).toBe(1);
  });

  it("Redis killed: clear 503s naming Redis, then answers within 10 s of its return", async () => {
    kill(redis.pid);
    await redis.exited;
    const down = Date.now();
    await sleep(2_000);
    await expectHealthNames("redis");
    await sleep(2_000);
    redis = await startLocalRedis(redisOptions);
    const back = Date.now();
    // From one second in: requests already past Redis when it died may still finish.
    expectClear503s(between(down + 1_000, back), /Redis/);
    const took = await recovery(back);
    record("Redis killed", between(down + 1_000, back), took);
    expect(took).toBeLessThan(RECOVERY_BOUND_MS);
  });

  it("PostgreSQL killed: clear 503s naming PostgreSQL, then answers within 10 s of its return", async () => {
    kill(postgres.pid);
    await postgres.exited;
    const down = Date.now();
    await sleep(2_000);
    await expectHealthNames("db");
    await sleep(2_000);
    postgres = await startLocalPostgres(pgOptions);
    const back = Date.now();
    expectClear503s(between(down + 1_000, back), /PostgreSQL/);
    const took = await recovery(back);
    record("PostgreSQL killed", between(down + 1_000, back), took);
    expect(took).toBeLessThan(RECOVERY_BOUND_MS);
  });

  it("rode out both outages: the worker and both web instances are the processes started first", () => {
    const alive = (process: ServiceProcess) => process.child.exitCode === null && process.child.signalCode === null;
    expect(alive(worker)).toBe(true);
    for (const web of webs) expect(alive(web.process)).toBe(true);
  });

  it("worker killed: advice is still answered, and a job queued meanwhile runs once it is back", async () => {
    kill(worker.child.pid!);
    await worker.exited;
    const down = Date.now();
    const queue = new Queue("experiment-guardrails", { connection: { url: redis.url }, prefix });
    try {
      const job = await queue.add("check", { requestedBy: "fault-test" });
      await sleep(2_000);
      expect(await job.getState()).toBe("waiting");
      // Advice needs no worker: no failures while it is down.
      expect(between(down, Date.now()).filter((s) => s.status !== 200)).toEqual([]);
      worker = startWorker(productEnv);
      // Its return: the worker's heartbeat is in Redis (tsx takes a while to load it on a busy machine).
      const probe = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      try {
        await waitFor(
          "the restarted worker's heartbeat",
          async () => (await probe.keys(`${prefix}:worker:*`)).length > 0,
          {
            timeoutMs: 90_000,
            intervalMs: 100,
            abort: worker.exited,
          },
        );
      } finally {
        probe.disconnect();
      }
      const back = Date.now();
      await waitFor("the job queued while the worker was down", async () => (await job.getState()) === "completed", {
        timeoutMs: 60_000,
        intervalMs: 100,
      });
      const took = Date.now() - back;
      record("worker killed (job queued while down)", [], took);
      expect(took).toBeLessThan(RECOVERY_BOUND_MS);
    } finally {
      await queue.close();
    }
  });

  it("one of two web instances killed: the other keeps answering; the restarted one answers again", async () => {
    const [survivor, victim] = [0, 1];
    kill(webs[victim]!.process.child.pid!);
    await webs[victim]!.process.exited;
    const down = Date.now();
    await sleep(3_000);
    // The dead one refuses connections; the survivor answers every request.
    expect(between(down, Date.now(), survivor).filter((s) => s.status !== 200)).toEqual([]);
    expect(between(down + 500, Date.now(), victim).every((s) => s.status === 0)).toBe(true);
    webs[victim] = await startWeb(`faults-web-${victim}`, webPorts[victim]!, productEnv);
    const back = Date.now();
    const took = await recovery(back, victim);
    record("one of two web instances killed", between(down + 500, back, victim), took);
    expect(took).toBeLessThan(RECOVERY_BOUND_MS);
  });

  it("lost nothing committed: every acknowledged request and feedback, the ledger, the partner keys", async () => {
    loadRunning = false;
    await Promise.all(load);
    const acknowledged = samples.filter((s) => s.status === 200).map((s) => s.adviceId!);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const stored = await client.query<{ id: string }>("select id from advice_requests where id = any($1::uuid[])", [
        acknowledged,
      ]);
      expect(new Set(stored.rows.map((row) => row.id))).toEqual(new Set(acknowledged));
      expect(feedbackAcknowledged.length).toBeGreaterThanOrEqual(2);
      const withFeedback = await client.query<{ id: string }>(
        "select id from advice_requests where id = any($1::uuid[]) and thumbs = 'up' and feedback_at is not null",
        [feedbackAcknowledged],
      );
      expect(new Set(withFeedback.rows.map((row) => row.id))).toEqual(new Set(feedbackAcknowledged));
      expect(await dbCount(client, "partner_keys")).toBe(before.partnerKeys);
      expect(await dbCount(client, "audit_log")).toBeGreaterThanOrEqual(before.audit);
      expect(await dbCount(client, "releases")).toBe(before.releases);
    } finally {
      await client.end();
    }
  });
});
