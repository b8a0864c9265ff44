import type pg from "pg";
import type { ArmAggregates } from "../../server/advice";

/**
 * The naive way to an experiment's per-arm sums: read every row of `advice_requests` (the columns
 * the sums need, no index, no filter in SQL) and aggregate in JavaScript. The baseline the
 * benchmark sets `experimentAggregates` beside; its answers must agree.
 */

interface Row {
  experiment: string | null;
  variant: number | null;
  status: string;
  timings: Record<string, number>;
  rating: number | null;
  thumbs: string | null;
  bias_flagged: boolean | null;
}

/** PostgreSQL's `percentile_cont`: linear interpolation between the two closest ranks. */
function percentileCont(sorted: Float64Array, fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = fraction * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (rank - below) * (sorted[above]! - sorted[below]!);
}

export async function naiveExperimentAggregates(pool: pg.Pool, experiment: string): Promise<ArmAggregates[]> {
  const { rows } = await pool.query<Row>(
    "select experiment, variant, status, timings, rating, thumbs, bias_flagged from advice_requests",
  );
  const arms = new Map<number, ArmAggregates & { latencies: number[] }>();
  for (const row of rows) {
    if (row.experiment !== experiment || row.variant === null) continue;
    let arm = arms.get(row.variant);
    if (!arm) {
      arm = {
        variant: row.variant,
        requests: 0,
        answered: 0,
        errors: 0,
        latency: { n: 0, sum: 0, sumSquares: 0, p95: null },
        rating: { n: 0, sum: 0, sumSquares: 0 },
        thumbs: { n: 0, up: 0 },
        flagged: 0,
        latencies: [],
      };
      arms.set(row.variant, arm);
    }
    arm.requests++;
    if (row.status === "error") arm.errors++;
    if (row.status === "ok") {
      const totalMs = Number(row.timings.totalMs);
      arm.answered++;
      arm.latency.n++;
      arm.latency.sum += totalMs;
      arm.latency.sumSquares += totalMs * totalMs;
      arm.latencies.push(totalMs);
    }
    if (row.rating !== null) {
      arm.rating.n++;
      arm.rating.sum += row.rating;
      arm.rating.sumSquares += row.rating * row.rating;
    }
    if (row.thumbs !== null) arm.thumbs.n++;
    if (row.thumbs === "up") arm.thumbs.up++;
    if (row.bias_flagged) arm.flagged++;
  }
  return [...arms.values()]
    .sort((a, b) => a.variant - b.variant)
    .map(({ latencies, ...arm }) => ({
      ...arm,
      latency: { ...arm.latency, p95: percentileCont(Float64Array.from(latencies).sort(), 0.95) },
    }));
}
