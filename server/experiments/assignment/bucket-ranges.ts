/**
 * Where each arm of an experiment sits in [0, 1), as GrowthBook's SDKs lay it out. Arm i's range
 * starts at the sum of the weights before it, whatever the coverage, and covers `coverage` of its
 * weight: lowering or raising the coverage only shortens or lengthens each range at its end, so a
 * user who was in arm i is, after the change, in arm i or in no arm, never in another arm.
 */

/** [start, end): a user whose bucket is in it gets the arm. */
export type VariationRange = readonly [start: number, end: number];

/** The sums of weights the SDKs accept (1 ± 0.01), written as they compare them, bounds included. */
const LOWEST_WEIGHT_SUM = 0.99;
const HIGHEST_WEIGHT_SUM = 1.01;

/** n weights of 1/n each; none for n ≤ 0. */
export function getEqualWeights(n: number): number[] {
  return n > 0 ? new Array<number>(n).fill(1 / n) : [];
}

/**
 * The weights an experiment really splits by: the given ones if there is one per arm and they sum
 * to 1 (±0.01), otherwise equal weights, as the SDKs fall back (they only log the problem).
 */
export function effectiveWeights(numVariations: number, weights?: readonly number[] | null): readonly number[] {
  if (!weights || weights.length !== numVariations) return getEqualWeights(numVariations);
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return sum >= LOWEST_WEIGHT_SUM && sum <= HIGHEST_WEIGHT_SUM ? weights : getEqualWeights(numVariations);
}

/** The SDKs clamp coverage into [0, 1] rather than refuse it. */
export function clampCoverage(coverage: number): number {
  return Math.min(1, Math.max(0, coverage));
}

export function getBucketRanges(
  numVariations: number,
  coverage = 1,
  weights?: readonly number[] | null,
): VariationRange[] {
  const covered = clampCoverage(coverage);
  let cumulative = 0;
  // The same additions in the same order as the SDKs, so that a bucket on a boundary falls on the
  // same side here as there (0.1 + 0.2 is not 0.3 in floating point, in any SDK).
  return effectiveWeights(numVariations, weights).map((weight) => {
    const start = cumulative;
    cumulative += weight;
    return [start, start + covered * weight] as const;
  });
}

/** The arm whose range holds the bucket (start inclusive, end exclusive), or -1 when none does. */
export function chooseVariation(bucket: number, ranges: readonly VariationRange[]): number {
  return ranges.findIndex(([start, end]) => bucket >= start && bucket < end);
}
