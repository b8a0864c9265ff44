import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../db";

/** What PostgreSQL sums per arm of an experiment, over the requests it served (grouped, one scan of its rows). */
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

/** The query behind `experimentAggregates`, on its own so that a benchmark can EXPLAIN it. */
export function experimentAggregatesQuery(experiment: string): SQL {
  return sql`
    select variant,
      count(*)::int as requests,
      count(*) filter (where status = 'ok')::int as answered,
      count(*) filter (where status = 'error')::int as errors,
      count(*) filter (where status = 'ok')::int as latency_n,
      coalesce(sum(total_ms) filter (where status = 'ok'), 0) as latency_sum,
      coalesce(sum((total_ms) ^ 2) filter (where status = 'ok'), 0) as latency_sum_squares,
      percentile_cont(0.95) within group (order by total_ms) filter (where status = 'ok') as latency_p95,
      count(rating)::int as rating_n,
      coalesce(sum(rating), 0)::float8 as rating_sum,
      coalesce(sum(rating * rating), 0)::float8 as rating_sum_squares,
      count(thumbs)::int as thumbs_n,
      count(*) filter (where thumbs = 'up')::int as thumbs_up,
      count(*) filter (where bias_flagged)::int as flagged
    from advice_requests
    where experiment = ${experiment}
    group by variant
    order by variant`;
}

/**
 * Per-arm sums of the requests an experiment served, computed in PostgreSQL (grouped sums and
 * `percentile_cont`) through the (experiment, variant) index; the statistics are done in TypeScript.
 */
export async function experimentAggregates(experiment: string): Promise<ArmAggregates[]> {
  const { rows } = await getDb().execute<Record<string, string | number | null>>(experimentAggregatesQuery(experiment));
  return rows.map((row) => ({
    variant: Number(row.variant),
    requests: Number(row.requests),
    answered: Number(row.answered),
    errors: Number(row.errors),
    latency: {
      n: Number(row.latency_n),
      sum: Number(row.latency_sum),
      sumSquares: Number(row.latency_sum_squares),
      p95: row.latency_p95 === null ? null : Number(row.latency_p95),
    },
    rating: { n: Number(row.rating_n), sum: Number(row.rating_sum), sumSquares: Number(row.rating_sum_squares) },
    thumbs: { n: Number(row.thumbs_n), up: Number(row.thumbs_up) },
    flagged: Number(row.flagged),
  }));
}
