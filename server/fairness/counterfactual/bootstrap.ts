import { seededRandom } from "../../seeded-random";

/**
 * Percentile bootstrap over cases: each resample draws n case positions with replacement from a
 * seeded generator (mulberry32), so an audit's interval is the same on every run and machine.
 */

/** Positions 0..n−1 drawn with replacement, `resamples` times. */
export function* resampledPositions(n: number, resamples: number, seed: number): Generator<number[]> {
  const random = seededRandom(seed);
  for (let r = 0; r < resamples; r++) {
    yield Array.from({ length: n }, () => Math.floor(random() * n));
  }
}

/** Quantile with linear interpolation between order statistics (R type 7, numpy's default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("quantile of no values");
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (h - below) * (upper - lower);
}

export const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
