import { sql, type SQL } from "drizzle-orm";
import type { CupedAggregate } from "../experiments";
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
 * The query behind `experimentArmSums`, on its own so that a benchmark can EXPLAIN it. It reads
 * `experiment_user_sums` — one row per user and arm, kept by PostgreSQL as requests are stored
 * (migration 0015) — and adds them up per arm: the per-request figures (sums of the users' sums),
 * the guardrails' per-user sums (n, Σa, Σb, Σa², Σb², Σab; `userRatesQuery` is that part alone)
 * and CUPED's (over users with ratings both before their exposure and in the experiment: x = the
 * mean of the former, y = of the latter). Counts are exact in float8 (< 2⁵³).
 */
export function experimentAggregatesQuery(experiment: string): SQL {
  return sql`
    select variant,
      sum(requests)::int as requests,
      sum(answered)::int as answered,
      sum(errors)::int as errors,
      sum(latency_n)::int as latency_values,
      sum(latency_sum) as latency_sum,
      sum(latency_sum_squares) as latency_sum_squares,
      sum(rating_n)::int as rating_n,
      sum(rating_sum) as rating_sum,
      sum(rating_sum_squares) as rating_sum_squares,
      sum(thumbs_n)::int as thumbs_n,
      sum(thumbs_up)::int as thumbs_up,
      count(*)::int as users,
      sum(flagged)::float8 as flagged,
      sum(flagged::float8 * flagged) as flagged2, sum(answered::float8 * answered) as answered2,
      sum(flagged::float8 * answered) as flagged_answered,
      sum(errors::float8 * errors) as errors2, sum(requests::float8 * requests) as requests2,
      sum(errors::float8 * requests) as errors_requests,
      count(*) filter (where cuped)::int as cuped_n,
      coalesce(sum(x) filter (where cuped), 0) as cuped_x,
      coalesce(sum(y) filter (where cuped), 0) as cuped_y,
      coalesce(sum(x * x) filter (where cuped), 0) as cuped_x2,
      coalesce(sum(y * y) filter (where cuped), 0) as cuped_y2,
      coalesce(sum(x * y) filter (where cuped), 0) as cuped_xy
    from (
      select *, pre_rating_n > 0 and rating_n > 0 as cuped,
        pre_rating_sum / nullif(pre_rating_n, 0) as x,
        rating_sum / nullif(rating_n, 0) as y
      from experiment_user_sums
      where experiment = ${experiment} and requests > 0
    ) as per_user
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
    n: Number(row.answered),
    sum: Number(row.latency_sum),
    sumSquares: Number(row.latency_sum_squares),
    p95: null,
  },
  rating: { n: Number(row.rating_n), sum: Number(row.rating_sum), sumSquares: Number(row.rating_sum_squares) },
  thumbs: { n: Number(row.thumbs_n), up: Number(row.thumbs_up) },
  flagged: Number(row.flagged),
});

const cupedOf = (row: Row | undefined): CupedAggregate => ({
  n: Number(row?.cuped_n ?? 0),
  sumX: Number(row?.cuped_x ?? 0),
  sumY: Number(row?.cuped_y ?? 0),
  sumX2: Number(row?.cuped_x2 ?? 0),
  sumY2: Number(row?.cuped_y2 ?? 0),
  sumXY: Number(row?.cuped_xy ?? 0),
});

/** Everything an experiment's results read from its requests, per arm. */
export interface ArmSums {
  /** Per-request sums, only the arms with requests. */
  perArm: ArmAggregates[];
  /** The guardrails' per-user sums, one per arm (index = variant; zeros for an arm without requests). */
  perUser: UserRates[];
  /** CUPED's per-user sums on satisfaction, one per arm (index = variant). */
  cuped: CupedAggregate[];
}

/**
 * Per arm: the per-request sums (with p95 latency read from the latency index once the counts
 * are known), the guardrails' per-user sums and CUPED's, in one read of the per-user rows.
 */
export async function experimentArmSums(experiment: string, arms: number): Promise<ArmSums> {
  const { rows } = await getDb().execute<Row>(experimentAggregatesQuery(experiment));
  const perArm = rows.map(armOf);
  const p95 = await latencyP95(
    experiment,
    rows.map((row) => ({ variant: Number(row.variant), values: Number(row.latency_values) })),
  );
  for (const arm of perArm) arm.latency.p95 = p95.get(arm.variant) ?? null;
  const count = Math.max(arms, ...perArm.map((arm) => arm.variant + 1));
  const rowOf = (variant: number) => rows.find((row) => Number(row.variant) === variant);
  return {
    perArm,
    perUser: userRatesOf(rows, count),
    cuped: Array.from({ length: count }, (_, variant) => cupedOf(rowOf(variant))),
  };
}

/**
 * Per-arm sums of the requests an experiment served, computed in PostgreSQL (grouped sums, and the
 * p95 as `percentile_cont(0.95)` defines it); the statistics are done in TypeScript.
 */
export async function experimentAggregates(experiment: string): Promise<ArmAggregates[]> {
  return (await experimentArmSums(experiment, 0)).perArm;
}
