/**
 * An experiment's results over 1,000,000 stored requests: `experimentResults` (one read of the
 * per-user sums PostgreSQL keeps as requests are stored — per-arm, guardrail and CUPED sums — p95
 * read from the latency index and the exposures alongside, statistics in TypeScript), its SQL
 * parts alone, and the worker's guardrail-only check, beside a naive path that reads every row of
 * `advice_requests` and aggregates in JavaScript. Target: under 1 s for `experimentResults`.
 * The table also holds requests outside the experiment, interleaved with its own. Then what
 * keeping the sums costs the write path: requests stored through the record writer with the
 * triggers on and off.
 *
 * Before timing, the kept sums must agree with the requests: per-arm sums with the naive path,
 * p95 exactly with `percentile_cont(0.95)`, the per-user and CUPED sums with the same sums
 * computed straight from `advice_requests` (bench/lib/direct-experiment-sums.ts).
 *
 *   node --import tsx bench/experiment-results.ts [--requests 1000000] [--outside 1000000]
 *     [--users 200000] [--arms 3] [--rounds 7] [--naive-rounds 3] [--writes 2000] [--explain]
 *
 * Starts its own PostgreSQL and Redis in a temp dir unless DATABASE_URL / REDIS_URL are set.
 */
import { parseArgs } from "node:util";
import { directCupedQuery, directUserRatesQuery } from "./lib/direct-experiment-sums";
import { naiveExperimentAggregates } from "./lib/naive-experiment-aggregates";
import { storeExperimentRequests } from "./lib/experiment-requests";
import { startBenchServices } from "./lib/services";
import { median, ms, percentile, table } from "./lib/stats";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "1000000" },
    outside: { type: "string", default: "1000000" },
    users: { type: "string", default: "200000" },
    arms: { type: "string", default: "3" },
    rounds: { type: "string", default: "7" },
    "naive-rounds": { type: "string", default: "3" },
    writes: { type: "string", default: "2000" },
    explain: { type: "boolean", default: false },
  },
});
const wholeNumber = (name: string, min: number) => {
  const value = Number(values[name as keyof typeof values]);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return value;
};
const requests = wholeNumber("requests", 1);
const outside = wholeNumber("outside", 0);
const users = wholeNumber("users", 1);
const arms = wholeNumber("arms", 2);
const rounds = wholeNumber("rounds", 1);
const naiveRounds = wholeNumber("naive-rounds", 1);
const writes = wholeNumber("writes", 1);

const services = await startBenchServices("experiment-results");

// Imported after the environment is set: server/env.ts reads it once.
const { runMigrations, closeDb, getDb, getPool } = await import("../server/db");
const { seed, ensureActiveIndex } = await import("../server/seed");
const { aliasedRelease, createRelease, PRODUCTION } = await import("../server/registry");
const { changeStatus, createExperiment } = await import("../server/experiments");
const {
  enforceGuardrails,
  experimentAggregates,
  experimentAggregatesQuery,
  experimentArmSums,
  experimentResults,
  userRates,
  userRatesQuery,
} = await import("../server/advice");
const { storeAdviceRecord } = await import("../server/advice");
const { closeLiveIndex } = await import("../server/index-store");
const { closeRedis } = await import("../server/redis");
const { sql } = await import("drizzle-orm");

await runMigrations();
await seed();
await ensureActiveIndex();

// Control is the production release; each treatment arm another release made from it.
const key = "bench-results";
const releases = [(await aliasedRelease(PRODUCTION))!.version];
for (let arm = 1; arm < arms; arm++) {
  const version = `900.0.${arm}`;
  await createRelease({ version, changelog: "benchmark: an experiment arm" }, "bench");
  releases.push(version);
}
await createExperiment({ key, variants: releases }, "bench");
await changeStatus(key, "start", { actor: "bench", reason: "results benchmark" });

const loadStarted = performance.now();
const client = await getPool().connect();
try {
  await storeExperimentRequests(client, {
    experiment: key,
    releases,
    inExperiment: requests,
    outside,
    users,
    days: 14,
  });
} finally {
  client.release();
}
const loadSeconds = (performance.now() - loadStarted) / 1000;
const { rows: sizes } = await getDb().execute<{ table: string; index: string }>(
  sql`select pg_size_pretty(pg_table_size('advice_requests')) as table,
      pg_size_pretty(pg_indexes_size('advice_requests')) as index`,
);
// What each index the results read costs (migration 0013), beside the table's others.
const { rows: indexSizes } = await getDb().execute<{ name: string; size: string; bytes: number }>(
  sql`select indexrelname as name, pg_size_pretty(pg_relation_size(indexrelid)) as size,
      pg_relation_size(indexrelid)::float8 as bytes
    from pg_stat_user_indexes where relname = 'advice_requests' order by indexrelname`,
);

// Both paths must give the same sums before either is timed (counts exact, sums to rounding).
const ours = await experimentAggregates(key);
const naive = await naiveExperimentAggregates(getPool(), key);
const close = (a: number | null, b: number | null) =>
  a === b || Math.abs((a ?? NaN) - (b ?? NaN)) < 1e-6 * Math.abs(a!);
for (const [i, arm] of ours.entries()) {
  const other = naive[i];
  const same =
    other &&
    arm.requests === other.requests &&
    arm.errors === other.errors &&
    arm.flagged === other.flagged &&
    arm.thumbs.up === other.thumbs.up &&
    arm.rating.n === other.rating.n &&
    close(arm.latency.sum, other.latency.sum) &&
    close(arm.latency.p95, other.latency.p95);
  if (!same) throw new Error(`arm ${i}: the naive sums differ\n${JSON.stringify({ arm, other }, null, 2)}`);
}
if (ours.reduce((n, arm) => n + arm.requests, 0) !== requests) throw new Error("not every request was counted");
// p95 without a sort must be percentile_cont's, to the bit.
const { rows: reference } = await getDb().execute<{ variant: number; p95: number }>(
  sql`select variant, percentile_cont(0.95) within group (order by total_ms) as p95
    from advice_requests where experiment = ${key} and status = 'ok' group by variant order by variant`,
);
for (const { variant, p95 } of reference) {
  const mine = ours.find((arm) => arm.variant === variant)?.latency.p95;
  if (mine !== p95) throw new Error(`arm ${variant}: p95 ${mine} but percentile_cont says ${p95}`);
}
// The kept per-user and CUPED sums must be those of the requests themselves (to rounding: the
// kept sums were added up in another order).
const agree = (what: string, kept: Record<string, unknown>[], direct: Record<string, unknown>[], columns: string[]) => {
  for (const [i, arm] of direct.entries())
    for (const column of columns) {
      const [a, b] = [Number(kept[i]?.[column]), Number(arm[column])];
      if (!(Math.abs(a - b) <= 1e-9 * Math.abs(b)))
        throw new Error(`arm ${i}: kept ${what} ${column} ${a}, direct ${b}`);
    }
};
const { rows: keptSums } = await getDb().execute<Record<string, unknown>>(experimentAggregatesQuery(key));
const perUserColumns = [
  "users",
  "flagged",
  "answered",
  "flagged2",
  "answered2",
  "flagged_answered",
  "errors",
  "requests",
];
agree("per-user", keptSums, (await getDb().execute<Record<string, unknown>>(directUserRatesQuery(key))).rows, [
  ...perUserColumns,
  "errors2",
  "requests2",
  "errors_requests",
]);
const { rows: directCuped } = await getDb().execute<Record<string, unknown>>(directCupedQuery(key));
agree("CUPED", keptSums, directCuped, ["cuped_n", "cuped_x", "cuped_y", "cuped_x2", "cuped_y2", "cuped_xy"]);
const { rows: guardrailOnly } = await getDb().execute<Record<string, unknown>>(userRatesQuery(key));
agree("guardrail", keptSums, guardrailOnly, perUserColumns);

async function explain(
  title: string,
  query: ReturnType<typeof experimentAggregatesQuery>,
  workMem?: string,
): Promise<void> {
  if (!values.explain) return;
  const plan = await getDb().transaction(async (tx) => {
    // As the product runs it: CUPED sets its own work_mem for its transaction.
    if (workMem) await tx.execute(sql.raw(`set local work_mem = '${workMem}'`));
    return (await tx.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers) ${query}`)).rows;
  });
  console.log(`\n${title}\n${plan.map((line) => line["QUERY PLAN"]).join("\n")}`);
}
await explain("the kept per-user sums, added up per arm", experimentAggregatesQuery(key));
const arm0 = ours[0]!;
await explain(
  "p95 of arm 0: the two ranks, backwards from the slowest",
  sql`select total_ms from advice_requests
    where experiment = ${key} and variant = 0 and status = 'ok' and total_ms is not null
    order by total_ms desc offset ${Math.floor(0.05 * (arm0.answered - 1))} limit 2`,
);
await explain("per-user guardrail sums alone (the worker's check)", userRatesQuery(key));
await explain("before the kept sums: CUPED from the requests (64MB work_mem)", directCupedQuery(key), "64MB");

/** Milliseconds per call of `count` rounds, after one warm-up call. */
async function measure(count: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const times: number[] = [];
  for (let round = 0; round < count; round++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

const rows: (string | number)[][] = [];
const row = (name: string, times: number[]) =>
  rows.push([name, ms(median(times), 0), ms(percentile(times, 100), 0), ms(Math.min(...times), 0), times.length]);

let last = await experimentResults(key);
row(
  "ours: experimentResults (kept sums + p95 + exposures, concurrently; statistics in TS)",
  await measure(rounds, async () => (last = await experimentResults(key))),
);
row(
  "ours, SQL part alone: experimentArmSums (kept per-user sums, then p95)",
  await measure(rounds, () => experimentArmSums(key, arms)),
);
row("ours, SQL part alone: userRates (the guardrail check's query)", await measure(rounds, () => userRates(key, arms)));
row(
  "worker: enforceGuardrails (per-user sums + exposures only)",
  await measure(rounds, async () => {
    if ((await enforceGuardrails()).length > 0) throw new Error("the benchmark's arms breached a guardrail");
  }),
);
row(
  "naive: every row of advice_requests, aggregated in JS",
  await measure(naiveRounds, () => naiveExperimentAggregates(getPool(), key)),
);

console.log(
  `\n${requests.toLocaleString("en-US")} requests in the experiment (${arms} arms, ${users.toLocaleString("en-US")} users), ` +
    `${outside.toLocaleString("en-US")} outside it; table ${sizes[0]!.table}, its indexes ${sizes[0]!.index}; ` +
    `stored in ${loadSeconds.toFixed(0)} s\n`,
);
const experimentRequestBytes = (bytes: number) => `${Math.round(bytes / requests)} B/experiment request`;
console.log(
  `indexes of advice_requests: ${indexSizes
    .map((i) => `${i.name} ${i.size} (${experimentRequestBytes(Number(i.bytes))})`)
    .join("; ")}\n`,
);
console.log(table(["path", "median (ms)", "slowest (ms)", "fastest (ms)", "rounds"], rows));
console.log("\nper arm, as experimentResults reads them\n");
console.log(
  table(
    ["arm", "users", "requests", "error rate", "mean latency (ms)", "p95 latency (ms)"],
    last.arms.map((arm) => [
      `${arm.variant} (${arm.release})`,
      arm.users,
      arm.requests,
      ms(arm.errorRate ?? NaN, 4),
      ms(arm.meanLatencyMs ?? NaN, 1),
      ms(arm.p95LatencyMs ?? NaN, 1),
    ]),
  ),
);

/**
 * What keeping the sums costs a write: `count` requests of the experiment's users stored through
 * the record writer, one at a time (a quiet instance) and all at once (its batches, under load).
 */
async function storeWrites(count: number, concurrently: boolean): Promise<number> {
  const records = Array.from({ length: count }, (_, i) => ({
    channel: "api" as const,
    externalUserId: `bench-user-${(i * 7919) % users}`,
    conversationId: crypto.randomUUID(),
    query: "Should I borrow $5,000 to consolidate two credit cards?",
    status: "ok" as const,
    advice: "…",
    release: releases[((i * 7919) % users) % arms]!,
    experiment: key,
    variant: ((i * 7919) % users) % arms,
    versions: {},
    timings: { totalMs: 1500 + (i % 700) },
  }));
  const started = performance.now();
  if (concurrently) await Promise.all(records.map(storeAdviceRecord));
  else for (const record of records) await storeAdviceRecord(record);
  return (performance.now() - started) / count;
}
const TRIGGER = "experiment_user_sums_insert";
const writeRows: (string | number)[][] = [];
for (const concurrently of [false, true]) {
  const shape = concurrently ? `${writes} at once (batched)` : `${writes} one at a time`;
  await storeWrites(Math.min(200, writes), concurrently);
  writeRows.push([`kept sums (trigger on): ${shape}`, ms(await storeWrites(writes, concurrently), 3)]);
  await getDb().execute(sql.raw(`alter table advice_requests disable trigger ${TRIGGER}`));
  try {
    writeRows.push([`trigger off: ${shape}`, ms(await storeWrites(writes, concurrently), 3)]);
  } finally {
    await getDb().execute(sql.raw(`alter table advice_requests enable trigger ${TRIGGER}`));
  }
}
console.log("\nwrite path: ms per stored request\n");
console.log(table(["requests stored through the record writer", "ms per request"], writeRows));

const satisfaction = last.analysis.metrics.find((m) => m.name === "satisfaction")!;
const cuped = satisfaction.cuped;
console.log(
  cuped?.applied
    ? `\nCUPED on satisfaction: θ ${cuped.theta.toFixed(4)}; per arm, users with pre-exposure ratings and the variance removed: ${cuped.arms
        .map((arm, i) => `${i}: ${arm.users}, ${(100 * arm.varianceReduction).toFixed(1)} %`)
        .join("; ")}`
    : `\nCUPED on satisfaction not applied: ${cuped?.reason}`,
);

await closeLiveIndex();
await closeRedis();
await closeDb();
await services.stop();
