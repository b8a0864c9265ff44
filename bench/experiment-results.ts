/**
 * An experiment's results over 1,000,000 stored requests: `experimentResults` (per-arm sums and
 * `percentile_cont` in PostgreSQL through the (experiment, variant) index, statistics in
 * TypeScript) and its SQL part alone (`experimentAggregates`), beside a naive path that reads every
 * row of `advice_requests` and aggregates in JavaScript. Target: under 1 s for `experimentResults`.
 * The table also holds requests outside the experiment, interleaved with its own.
 *
 * Also timed on their own: the CUPED sums of satisfaction (`cupedAggregates`: each exposed user's
 * mean rating before exposure and inside the experiment, grouped per arm) and the guardrails'
 * per-user sums (`userRates`). `--proposed-indexes` then builds the two indexes proposed for them
 * (not a migration yet) and times all three again, so they can be compared on the same rows.
 *
 *   node --import tsx bench/experiment-results.ts [--requests 1000000] [--outside 1000000]
 *     [--users 200000] [--arms 3] [--rounds 7] [--naive-rounds 3] [--explain] [--proposed-indexes]
 *
 * Starts its own PostgreSQL and Redis in a temp dir unless DATABASE_URL / REDIS_URL are set.
 */
import { parseArgs } from "node:util";
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
    explain: { type: "boolean", default: false },
    "proposed-indexes": { type: "boolean", default: false },
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

const services = await startBenchServices("experiment-results");

// Imported after the environment is set: server/env.ts reads it once.
const { runMigrations, closeDb, getDb, getPool } = await import("../server/db");
const { seed, ensureActiveIndex } = await import("../server/seed");
const { aliasedRelease, createRelease, PRODUCTION } = await import("../server/registry");
const { changeStatus, createExperiment } = await import("../server/experiments");
const {
  cupedAggregates,
  cupedAggregatesQuery,
  experimentAggregates,
  experimentAggregatesQuery,
  experimentResults,
  userRates,
  userRatesQuery,
} = await import("../server/advice");
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

async function explain(title: string, query: ReturnType<typeof experimentAggregatesQuery>): Promise<void> {
  if (!values.explain) return;
  const { rows: plan } = await getDb().execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers) ${query}`);
  console.log(`\n${title}\n${plan.map((line) => line["QUERY PLAN"]).join("\n")}`);
}
await explain("aggregates", experimentAggregatesQuery(key));
await explain("CUPED sums", cupedAggregatesQuery(key));
await explain("per-user guardrail sums", userRatesQuery(key));

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
  "ours: experimentResults (sums + percentile_cont in SQL, statistics in TS)",
  await measure(rounds, async () => (last = await experimentResults(key))),
);
row("ours, SQL part alone: experimentAggregates", await measure(rounds, () => experimentAggregates(key)));
row("ours, SQL part alone: cupedAggregates", await measure(rounds, () => cupedAggregates(key, arms)));
row("ours, SQL part alone: userRates", await measure(rounds, () => userRates(key, arms)));
row(
  "naive: every row of advice_requests, aggregated in JS",
  await measure(naiveRounds, () => naiveExperimentAggregates(getPool(), key)),
);

// The indexes proposed for the per-user sums, each holding what its query reads so that it is an
// index-only scan: rated requests by user (CUPED), and the experiment's requests by arm and user
// (the guardrails). Plain columns, not coalesce(user_id::text, external_user_id): PostgreSQL
// plans an index-only scan of an expression index only when the expression's columns are in it.
const PROPOSED = [
  sql`create index advice_requests_rated_idx on advice_requests (user_id, external_user_id)
    include (feedback_at, rating, experiment) where rating is not null`,
  sql`create index advice_requests_experiment_user_idx on advice_requests
    (experiment, variant, user_id, external_user_id) include (status, bias_flagged)
    where experiment is not null`,
];
if (values["proposed-indexes"]) {
  const started = performance.now();
  for (const statement of PROPOSED) await getDb().execute(statement);
  await getDb().execute(sql`vacuum analyze advice_requests`);
  const { rows: size } = await getDb().execute<{ rated: string; users: string }>(
    sql`select pg_size_pretty(pg_relation_size('advice_requests_rated_idx')) as rated,
      pg_size_pretty(pg_relation_size('advice_requests_experiment_user_idx')) as users`,
  );
  console.log(
    `\nproposed indexes built in ${((performance.now() - started) / 1000).toFixed(0)} s: rated by user ${size[0]!.rated}, experiment by user ${size[0]!.users}`,
  );
  await explain("CUPED sums, with the proposed indexes", cupedAggregatesQuery(key));
  await explain("per-user guardrail sums, with the proposed indexes", userRatesQuery(key));
  row(
    "with the proposed indexes: experimentResults",
    await measure(rounds, async () => (last = await experimentResults(key))),
  );
  row("with the proposed indexes: cupedAggregates", await measure(rounds, () => cupedAggregates(key, arms)));
  row("with the proposed indexes: userRates", await measure(rounds, () => userRates(key, arms)));
}

console.log(
  `\n${requests.toLocaleString("en-US")} requests in the experiment (${arms} arms, ${users.toLocaleString("en-US")} users), ` +
    `${outside.toLocaleString("en-US")} outside it; table ${sizes[0]!.table}, its indexes ${sizes[0]!.index}; ` +
    `stored in ${loadSeconds.toFixed(0)} s\n`,
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
