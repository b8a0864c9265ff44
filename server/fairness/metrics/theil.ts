import { rowCount, type ConfusionCounts } from "./counts";

/** x·ln x with its limit 0 at x = 0 (a row with bᵢ = 0 adds nothing). */
const xLogX = (x: number) => (x === 0 ? 0 : x * Math.log(x));

/**
 * AIF360's theil_index: the generalized entropy index with α = 1 of the benefits
 * bᵢ = ŷᵢ − yᵢ + 1 over all rows, (1/n) Σ (bᵢ/μ) ln(bᵢ/μ) with μ the mean benefit. bᵢ is 2 for a
 * false positive, 0 for a false negative and 1 for a correct prediction, so counts suffice.
 * Null for no rows, or when every row is a false negative (μ = 0).
 */
export function theilIndex(all: ConfusionCounts): number | null {
  const n = rowCount(all);
  if (n === 0) return null;
  const ones = all.tp + all.tn;
  const mean = (2 * all.fp + ones) / n;
  if (mean === 0) return null;
  return (all.fp * xLogX(2 / mean) + ones * xLogX(1 / mean)) / n;
}
