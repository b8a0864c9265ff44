import { sql } from "drizzle-orm";
import { getDb } from "../db";

/** The percentile the results report for latency. */
const P95 = 0.95;

/**
 * Each arm's p95 latency, exactly as `percentile_cont(0.95) within group (order by total_ms)`
 * over its answered requests computes it, without sorting them: given the arm's count n of
 * latencies (from the results' single pass), the two ranks percentile_cont interpolates between
 * (⌊0.95·(n − 1)⌋ and ⌈0.95·(n − 1)⌉) are read from `advice_requests_experiment_latency_idx`
 * (experiment, variant, total_ms where status = 'ok'), scanned backwards from the slowest: ~5 %
 * of the arm's entries instead of a sort of all of them. The interpolation is PostgreSQL's
 * (orderedsetaggs.c, float8_lerp): lo + (rank − ⌊rank⌋)·(hi − lo), in the same float8 arithmetic.
 */
export async function latencyP95(
  experiment: string,
  arms: readonly { variant: number; values: number }[],
): Promise<Map<number, number | null>> {
  const found = await Promise.all(
    arms
      .filter((arm) => arm.values > 0)
      .map(async ({ variant, values }) => {
        const rank = P95 * (values - 1);
        const lo = Math.floor(rank);
        const hi = Math.ceil(rank);
        const { rows } = await getDb().execute<{ total_ms: number }>(sql`
          select total_ms from advice_requests
          where experiment = ${experiment} and variant = ${variant} and status = 'ok' and total_ms is not null
          order by total_ms desc
          offset ${values - 1 - hi} limit ${hi - lo + 1}`);
        // Rows removed since the count was taken (none are, in practice) leave no p95 rather than a wrong one.
        if (rows.length === 0) return [variant, null] as const;
        // Slowest first: rows[0] is rank hi, the last row rank lo.
        const high = Number(rows[0]!.total_ms);
        const low = Number(rows.at(-1)!.total_ms);
        return [variant, hi > lo ? low + (rank - lo) * (high - low) : low] as const;
      }),
  );
  return new Map(found);
}
