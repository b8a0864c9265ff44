/**
 * The per-request cost of deciding what serves a request: `decideServing` (which release, its
 * engines, a lease on its index, released by `done()`) against today's singleton path
 * (`resolveAnalyzer()` + `resolveEmbedder()` + `getLiveIndex()` per request), in one process on
 * the same loaded engines. Target: under 50 µs per decision. Also with three releases live
 * (production plus two others), and the synchronous form (`decideServingNow`).
 *
 *   node --import tsx bench/serving-decision.ts [--requests 200000] [--rounds 7]
 *
 * Starts its own PostgreSQL and Redis in a temp dir unless DATABASE_URL / REDIS_URL are set.
 */
import { parseArgs } from "node:util";
import { startBenchServices } from "./lib/services";
import { median, ms, percentile, table } from "./lib/stats";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "200000" }, rounds: { type: "string", default: "7" } },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);

const services = await startBenchServices("serving");

// Imported after the environment is set: server/env.ts reads it once.
const { runMigrations, closeDb } = await import("../server/db");
const { seed, ensureActiveIndex } = await import("../server/seed");
const { getLiveIndex, closeLiveIndex } = await import("../server/index-store");
const { resolveEmbedder } = await import("../server/embedding");
const { resolveAnalyzer, closeAnalyzer } = await import("../server/llm");
const { createRelease } = await import("../server/registry");
const serving = await import("../server/serving");
const { closeRedis } = await import("../server/redis");

await runMigrations();
await seed();
await ensureActiveIndex();
// The singleton path's engines and the production release's engines, loaded before timing.
await Promise.all([resolveAnalyzer(), resolveEmbedder(), getLiveIndex(), serving.loadProduction()]);

const request = { channel: "api" as const, userId: "bench" };

async function singleton() {
  await resolveAnalyzer();
  await resolveEmbedder();
  await getLiveIndex();
}

async function decision() {
  (await serving.decideServing(request)).done();
}

function decisionNow() {
  serving.decideServingNow(request)!.done();
}

/** Microseconds per request of `rounds` runs of `requests` calls each (after one warm-up run). */
async function measure(fn: () => unknown): Promise<number[]> {
  const perRequest: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < requests; i++) await fn();
    if (round >= 0) perRequest.push(((performance.now() - started) * 1000) / requests);
  }
  return perRequest;
}

const rows: (string | number)[][] = [];
const row = (name: string, us: number[]) =>
  rows.push([name, ms(median(us), 3), ms(percentile(us, 100), 3), ms(Math.min(...us), 3)]);

row("singleton path: resolveAnalyzer + resolveEmbedder + getLiveIndex", await measure(singleton));
row("decideServing + done() (1 release live)", await measure(decision));
row("decideServingNow + done(), no await (1 release live)", await measure(decisionNow));

// Two more releases live beside production (other prompt and policy versions are not needed:
// the same parts under other release versions exercise the pool's bookkeeping all the same).
for (const version of ["900.0.0", "900.0.1"]) {
  await createRelease({ version, changelog: "benchmark: another live release" }, "bench");
  (await serving.enginesForRelease(version)).done();
}
if (serving.liveServing().releases.length !== 3) throw new Error("expected three live releases");
row("decideServing + done() (3 releases live)", await measure(decision));

console.log(
  `\n${requests.toLocaleString("en-US")} requests per round, ${rounds} rounds (after one warm-up round); µs per request\n`,
);
console.log(table(["path", "median (µs)", "slowest round (µs)", "fastest round (µs)"], rows));

await serving.closeServing();
await closeAnalyzer();
await closeLiveIndex();
await closeRedis();
await closeDb();
await services.stop();
