/**
 * Load: the highest advice rate the product holds on this machine — p95 < 100 ms, no errors, no
 * non-2xx, for 60 s, heap flat — on POST /api/v1/advice (partner key, LangGraph graph, exact index,
 * hash embedder, grounded analyzer, every request stored), beside the reference: the same engines'
 * work over HTTP without the graph and without storage (bench/lib/reference-server.ts). Target:
 * ours ≥ half the reference's rate.
 *
 *   flock /tmp/apfa-heavy.lock node --import tsx bench/load.ts [--quick] [--cpu-prof-dir /tmp/prof]
 *
 * Needs the production build (`npm run build`): the product runs as `next start`, with the V8 flag
 * scripts/supervisor.ts gives it, on loopback. Starts its own PostgreSQL and Redis in a temp dir
 * unless DATABASE_URL / REDIS_URL are set. For each server: a closed-loop warm-up (8 connections);
 * closed-loop probes at 1, 2, 4 and 8 connections pick the connection count (autocannon paces per
 * connection per second, so it bounds the requests in flight); probes at fixed rates (overallRate)
 * find the highest held; that rate is run for 60 s (`--quick`: 10 s), once more at 90 % if it does
 * not hold. Heap: V8's heap in use outside the young generation, sampled each second of the long
 * run; the lowest sample of its first third (warm: after the probes) beside the lowest of its last
 * third (what major GCs left); flat when within 10 %. The full run takes ~8–10 min.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { QUESTIONS } from "./lib/questions";
import { failure, highestHeldRate, P95_LIMIT_MS, type Probe } from "./lib/rate-search";
import { startBenchServices } from "./lib/services";
import { percentile, table } from "./lib/stats";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, "cpu-prof-dir": { type: "string" } },
});
// Both servers write a V8 CPU profile there when they stop (where a request's main-thread time goes).
const profiling = values["cpu-prof-dir"]
  ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof-dir"])}`]
  : [];
const timing = values.quick
  ? { warmupS: 5, probeS: 3, maxProbes: 3, confirmS: 10 }
  : { warmupS: 20, probeS: 10, maxProbes: 5, confirmS: 60 };
/** Connection counts tried: autocannon's concurrency, and the most requests in flight. */
const CONNECTIONS = [1, 2, 4, 8];
const FLAT_SHARE = 0.1;
/**
 * V8's young generation (prom-client's names for its spaces): left out of "heap", since what an idle
 * server holds there is whatever garbage the last scavenge has not collected yet (up to the 32 MB
 * semi-space), which would swamp a 10 % comparison. A leak shows in the old generation.
 */
const YOUNG = new Set(["new", "new_large_object"]);

const services = await startBenchServices("load", {
  PARTNER_RATE_LIMIT_PER_MINUTE: "1000000000",
  AUTH_SECRET: "bench-load-secret-bench-load-secret-0123",
  NEXT_TELEMETRY_DISABLED: "1",
});
const { runMigrations, closeDb } = await import("../server/db");
const { seed, ensureActiveIndex } = await import("../server/seed");
const { createPartnerKey } = await import("../server/partners");
const { freePort, spawnService, waitFor } = await import("../server/local-services");
const { closeRedis } = await import("../server/redis");

const root = path.resolve(import.meta.dirname, "..");
if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  throw new Error("no production build: run `npm run build` first (the product is measured as `next start`)");
}
await runMigrations();
await seed();
await ensureActiveIndex();
const { key } = await createPartnerKey({ name: "load bench", scopes: ["advice"] }, "bench");

const logDir = path.join(services.tmp, "logs");
fs.mkdirSync(logDir, { recursive: true });

/** Starts a server process on loopback and waits until `ready` says so of its URL. */
async function start(
  name: string,
  args: (port: number) => string[],
  env: Record<string, string>,
  ready: (url: string) => Promise<boolean>,
) {
  const port = await freePort();
  const logFile = path.join(logDir, `${name}.log`);
  const service = spawnService(name, process.execPath, ["--max-semi-space-size=32", ...args(port)], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      REFERENCE_PORT: String(port),
      // Any process the server forks profiles too.
      ...(profiling.length > 0 ? { NODE_OPTIONS: profiling.join(" ") } : {}),
    },
    logFile,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${name} ready`, () => ready(url).catch(() => false), {
    timeoutMs: 120_000,
    intervalMs: 300,
    abort: service.exited,
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${name} log ---\n${fs.readFileSync(logFile, "utf8").slice(-4000)}`);
  });
  return { service, url, logFile };
}

// The product's default log level: one line per request is part of what it does.
const ours = await start(
  "web",
  (port) => [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
  { LOG_LEVEL: "info" },
  // Healthy but for the worker, which this bench does not start (advice does not need it).
  async (url) => {
    const report = (await (await fetch(`${url}/api/health`)).json()) as { failing?: string[] };
    return (report.failing ?? []).every((check) => check === "worker");
  },
);
const reference = await start(
  "reference",
  () => ["--import", "tsx", "bench/lib/reference-server.ts"],
  {},
  async (url) => (await fetch(`${url}/heap`)).ok,
);

interface Target {
  name: string;
  url: string;
  /** The server's process group: its CPU time is read from /proc. */
  pgid: number;
  heap: () => Promise<number>;
}

/** CPU seconds (user + system) used so far by every process in a process group (Linux /proc). */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone since the listing
    }
    // Fields after the command name (which may hold spaces): state is field 3, pgrp 5, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

const targets: Target[] = [
  {
    name: "ours: Next.js route, LangGraph, stored",
    url: ours.url,
    pgid: ours.service.child.pid!,
    heap: async () => {
      const text = await (await fetch(`${ours.url}/api/metrics`)).text();
      const spaces = [...text.matchAll(/^apfa_nodejs_heap_space_size_used_bytes\{space="([a-z_]+)"\} (\d+)/gm)];
      if (spaces.length === 0) throw new Error("/api/metrics has no apfa_nodejs_heap_space_size_used_bytes");
      return spaces.filter(([, space]) => !YOUNG.has(space!)).reduce((sum, [, , bytes]) => sum + Number(bytes), 0);
    },
  },
  {
    name: "reference: same engines, no graph, not stored",
    url: reference.url,
    pgid: reference.service.child.pid!,
    heap: async () => ((await (await fetch(`${reference.url}/heap`)).json()) as { heapUsed: number }).heapUsed,
  },
];

let sent = 0;
/** One autocannon run; `rate` 0 is closed loop. Latencies from every response, p95 computed here. */
async function drive(url: string, seconds: number, rate: number, connections: number): Promise<Probe> {
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    ...(rate > 0 ? { overallRate: rate } : {}),
    requests: [
      {
        method: "POST",
        path: "/api/v1/advice",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        setupRequest: (request) => {
          const i = sent++;
          const query = `${QUESTIONS[i % QUESTIONS.length]} (${i})`;
          return { ...request, body: JSON.stringify({ query, userId: `bench-${i % 500}` }) };
        },
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  return {
    rate,
    achieved: result.requests.total / result.duration,
    p95Ms: percentile(latencies, 95),
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/**
 * Samples the old-generation heap once a second while `work` runs. No GC can be forced in
 * `next start`, so the live heap is read as the lowest sample of a window: what a major GC left.
 */
async function sampleHeap<T>(target: Target, work: Promise<T>): Promise<{ result: T; samples: number[] }> {
  const samples: number[] = [];
  let done = false;
  const sampling = (async () => {
    while (!done) {
      samples.push(await target.heap());
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  const result = await work.finally(() => (done = true));
  await sampling;
  return { result, samples };
}

const describe = (p: Probe) =>
  `${p.rate || "closed"} → ${p.achieved.toFixed(0)}/s p95 ${p.p95Ms.toFixed(1)} ms` +
  (p.errors || p.non2xx ? ` errors ${p.errors} non-2xx ${p.non2xx}` : "");

const rows: (string | number)[][] = [];
const held: number[] = [];
const startedAt = Date.now();
const loadBefore = os.loadavg()[0]!;
for (const target of targets) {
  const warm = await drive(target.url, timing.warmupS, 0, 8);
  console.error(`${target.name}: warm-up 8 connections ${describe(warm)}`);
  // autocannon paces each connection per second (its quota sent back to back when the second
  // starts), so the connection count bounds the requests in flight: closed-loop probes at each
  // count, and the rate search uses the one that answered most within the p95 limit.
  let connections = 1;
  let best: Probe | undefined;
  for (const count of CONNECTIONS) {
    const closed = await drive(target.url, timing.probeS, 0, count);
    console.error(`${target.name}: closed loop, ${count} connections ${describe(closed)}`);
    if (closed.p95Ms < P95_LIMIT_MS && closed.errors + closed.non2xx === 0 && closed.achieved > (best?.achieved ?? 0)) {
      best = closed;
      connections = count;
    }
  }
  const search = await highestHeldRate(
    async (rate) => {
      const probe = await drive(target.url, timing.probeS, rate, connections);
      console.error(`${target.name}: probe ${connections} connections ${describe(probe)} ${failure(probe) ?? "held"}`);
      return probe;
    },
    { start: Math.max(1, Math.floor((best?.achieved ?? 2) * 0.9)), maxProbes: timing.maxProbes },
  );
  let rate = search.rate;
  if (rate === 0) {
    held.push(0);
    rows.push([target.name, "none held", "", "", "", "", "", "", "", ""]);
    continue;
  }
  /**
   * The long run at `at`: its server CPU time per answered request, and the heap after warm-up (the
   * lowest sample of the run's first third) beside the heap after the run (the lowest of its last).
   */
  const confirm = async (at: number) => {
    const cpuBefore = groupCpuSeconds(target.pgid);
    const { result, samples } = await sampleHeap(target, drive(target.url, timing.confirmS, at, connections));
    const cpuMs = ((groupCpuSeconds(target.pgid) - cpuBefore) * 1000) / (result.achieved * timing.confirmS);
    console.error(`${target.name}: ${timing.confirmS} s at ${describe(result)} ${failure(result) ?? "held"}`);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const heapWarm = Math.min(...samples.slice(0, third));
    const heapAfter = Math.min(...samples.slice(-third));
    return { ...result, cpuMs, heapWarm, heapAfter };
  };
  let run = await confirm(rate);
  if (failure(run) !== null && rate > 1) {
    rate = Math.floor(rate * 0.9);
    run = await confirm(rate);
  }
  const { heapWarm, heapAfter } = run;
  const growth = heapAfter / heapWarm - 1;
  const ok = failure(run) === null && growth <= FLAT_SHARE;
  held.push(ok ? rate : 0);
  rows.push([
    target.name,
    connections,
    ok ? `**${rate}**` : `${rate} (${failure(run) ?? "heap grew"})`,
    run.achieved.toFixed(1),
    run.p95Ms.toFixed(1),
    run.errors + run.non2xx,
    run.cpuMs.toFixed(2),
    (heapWarm / 2 ** 20).toFixed(1),
    (heapAfter / 2 ** 20).toFixed(1),
    `${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)} %`,
  ]);
}

console.log(
  `\nPOST /api/v1/advice on loopback, ${timing.confirmS} s at the rate held; ` +
    `hash embedder, grounded analyzer, exact index; ${((Date.now() - startedAt) / 60000).toFixed(1)} min; ` +
    `${os.cpus().length} cores, load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after\n`,
);
console.log(
  table(
    [
      "server",
      "connections",
      "rate held (req/s)",
      "answered (req/s)",
      "p95 (ms)",
      "errors + non-2xx",
      "server CPU per request (ms)",
      "old-gen heap warm (MiB)",
      "old-gen heap after (MiB)",
      "heap growth",
    ],
    rows,
  ),
);
const [mine, ref] = held as [number, number];
console.log(`\nours ÷ reference: ${ref > 0 ? (mine / ref).toFixed(2) : "n/a"} (target ≥ 0.50)`);

if (profiling.length > 0) {
  // SIGTERM to every process of each group first, and time to write the profiles on the way out.
  for (const { service } of [ours, reference]) process.kill(-service.child.pid!, "SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 5000));
}
await Promise.all([ours.service.stop(), reference.service.stop()]);
await closeRedis();
await closeDb();
await services.stop();
