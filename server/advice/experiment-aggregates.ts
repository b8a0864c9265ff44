import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../db";
import { latencyP95 } from "./experiment-latency-p95";
import { userRatesOf, type UserRates } from "./experiment-user-rates";

/** What PostgreSQL sums per arm of an experiment, over the requests it served. */
export interface ArmAggregates {
  variant: number;
  requests: number;
  answered: number;
  errors: number;
  latency: { n: number; sum: number; sumSquares: number; p95: number | null };
  rating: { n: number; sum: number; sumSquares: number };
  thumbs: { n: number; up: number };
  flagged: number;
}

/**
 * The query behind `experimentArmSums`, on its own so that a benchmark can EXPLAIN it: one pass
 * over the experiment's entries of `advice_requests_experiment_idx` (experiment, variant, user,
 * then every column read; an index-only scan already in (arm, user) order, so both groupings are
 * streamed without a sort or a hash table). Each user's counts and sums first, then per arm: the
 * per-request figures (the per-user sums added up) and the guardrails' per-user sums (n, Σa, Σb,
 * Σa², Σb², Σab; `userRatesQuery` is the same part alone). A user is who serving hashed: the
 * signed-in user's id, else the partner's user id (server/advice/run.ts); a request carries one
 * or the other, so the pair of plain columns is the user. Counts are exact in float8 (< 2⁵³).
 */
export function experimentAggregatesQuery(experiment: string, variant?: number): SQL {
  return sql`
    with per_user as (
      select variant,
        count(*)::float8 as requests,
        count(*) filter (where status = 'ok')::float8 as answered,
        count(*) filter (where status = 'error')::float8 as errors,
        count(*) filter (where bias_flagged)::float8 as flagged,
        count(total_ms) filter (where status = 'ok') as latency_values,
        sum(total_ms) filter (where status = 'ok') as latency_sum,
        sum((total_ms) ^ 2) filter (where status = 'ok') as latency_sum_squares,
        count(rating) as rating_n,
        sum(rating) as rating_sum,
        sum(rating * rating) as rating_sum_squares,
        count(thumbs) as thumbs_n,
        count(*) filter (where thumbs = 'up') as thumbs_up
      from advice_requests
      where experiment = ${experiment}${variant === undefined ? sql`` : sql` and variant = ${variant}`}
      group by variant, user_id, external_user_id
    )
    select variant,
      sum(requests)::int as requests,
      sum(answered)::int as answered,
      sum(errors)::int as errors,
      sum(answered)::int as latency_n,
      sum(latency_values)::int as latency_values,
      coalesce(sum(latency_sum), 0) as latency_sum,
      coalesce(sum(latency_sum_squares), 0) as latency_sum_squares,
      sum(rating_n)::int as rating_n,
      coalesce(sum(rating_sum), 0)::float8 as rating_sum,
      coalesce(sum(rating_sum_squares), 0)::float8 as rating_sum_squares,
      sum(thumbs_n)::int as thumbs_n,
      sum(thumbs_up)::int as thumbs_up,
      count(*)::int as users,
      sum(flagged) as flagged, sum(answered) as answered_sum,
      sum(flagged * flagged) as flagged2, sum(answered * answered) as answered2,
      sum(flagged * answered) as flagged_answered,
      sum(errors) as errors_sum, sum(requests) as requests_sum,
      sum(errors * errors) as errors2, sum(requests * requests) as requests2,
      sum(errors * requests) as errors_requests
    from per_user
    group by variant
    order by variant`;
}

type Row = Record<string, string | number | null>;

const armOf = (row: Row): ArmAggregates => ({
  variant: Number(row.variant),
  requests: Number(row.requests),
  answered: Number(row.answered),
  errors: Number(row.errors),
  latency: {
    n: Number(row.latency_n),
    sum: Number(row.latency_sum),
    sumSquares: Number(row.latency_sum_squares),
    p95: null,
  },
  rating: { n: Number(row.rating_n), sum: Number(row.rating_sum), sumSquares: Number(row.rating_sum_squares) },
  thumbs: { n: Number(row.thumbs_n), up: Number(row.thumbs_up) },
  flagged: Number(row.flagged),
});

/**
 * Per arm, in one pass: the per-request sums (with p95 latency read from the latency index once
 * the counts are known) and the guardrails' per-user sums. `perUser` has one entry per arm
 * (index = variant, zeros for an arm without requests); `perArm` only the arms with requests.
 */
export async function experimentArmSums(
  experiment: string,
  arms: number,
): Promise<{ perArm: ArmAggregates[]; perUser: UserRates[] }> {
  // One statement per arm, side by side on pooled connections: the pass is CPU-bound (eleven
  // aggregate transitions per request), and split by arm it spreads over the cores instead of
  // holding one while the others wait. Each arm is its own range of the index, so nothing is read
  // twice. (`arms` 0: the arms are not known, so one statement for all.)
  const statements =
    arms > 0
      ? Array.from({ length: arms }, (_, v) => experimentAggregatesQuery(experiment, v))
      : [experimentAggregatesQuery(experiment)];
  const rows = (await Promise.all(statements.map(async (query) => (await getDb().execute<Row>(query)).rows))).flat();
  const perArm = rows.map(armOf);
  const p95 = await latencyP95(
    experiment,
    rows.map((row) => ({ variant: Number(row.variant), values: Number(row.latency_values) })),
  );
  for (const arm of perArm) arm.latency.p95 = p95.get(arm.variant) ?? null;
  // The per-user columns carry a suffix where a per-request column has the name userRatesOf reads.
  const perUserRows = rows.map((row) => ({
    ...row,
    answered: row.answered_sum ?? null,
    errors: row.errors_sum ?? null,
    requests: row.requests_sum ?? null,
  }));
  const perUser = userRatesOf(perUserRows, arms);
  return { perArm, perUser };
}

/**
 * Per-arm sums of the requests an experiment served, computed in PostgreSQL (grouped sums, and the
 * p95 as `percentile_cont(0.95)` defines it); the statistics are done in TypeScript.
 */
export async function experimentAggregates(experiment: string): Promise<ArmAggregates[]> {
  return (await experimentArmSums(experiment, 0)).perArm;
}
