import { seededRandom } from "../../seeded-random";
import { rowCount, type ConfusionCounts } from "./counts";
import { resampleCounts } from "./random-variates";

export interface BootstrapSettings {
  resamples: number;
  seed: number;
  /** Two-sided coverage, e.g. 0.95. */
  confidence: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapSettings = { resamples: 1000, seed: 1, confidence: 0.95 };

export type Interval = [number, number] | null;

/**
 * The q-quantile of sorted values with linear interpolation between order statistics (numpy's
 * default, so an auditor re-running the replicates in numpy gets the same ends).
 */
export function quantile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/** The percentile interval of replicate values; undefined replicates are left out, none → null. */
export function percentileInterval(replicates: readonly (number | null)[], confidence: number): Interval {
  const defined = replicates.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (defined.length === 0) return null;
  const tail = (1 - confidence) / 2;
  return [quantile(defined, tail), quantile(defined, 1 - tail)];
}

/** One bootstrap replicate of a group: as many rows as it has, drawn with replacement from its own rows. */
function resampleGroup(counts: ConfusionCounts, random: () => number): ConfusionCounts {
  const [tp, fp, fn, tn] = resampleCounts([counts.tp, counts.fp, counts.fn, counts.tn], rowCount(counts), random);
  return { tp: tp!, fp: fp!, fn: fn!, tn: tn! };
}

/**
 * Percentile bootstrap intervals for named statistics of grouped counts. Each replicate resamples
 * every group within itself (group sizes fixed, a stratified bootstrap, as the groups are given,
 * not sampled), from its counts alone. Seeded: the same input gives the same intervals.
 */
export function bootstrapIntervals<K extends string>(
  byGroup: ReadonlyMap<string, ConfusionCounts>,
  statistics: (byGroup: ReadonlyMap<string, ConfusionCounts>) => Record<K, number | null>,
  settings: BootstrapSettings = DEFAULT_BOOTSTRAP,
): Record<K, Interval> {
  const random = seededRandom(settings.seed);
  const replicates = new Map<K, (number | null)[]>();
  // Groups in a fixed order, so the stream of uniforms each group gets does not depend on map order.
  const groups = [...byGroup.keys()].sort();
  for (let r = 0; r < settings.resamples; r++) {
    const resampled = new Map(groups.map((group) => [group, resampleGroup(byGroup.get(group)!, random)]));
    for (const [key, value] of Object.entries(statistics(resampled)) as [K, number | null][]) {
      if (!replicates.has(key)) replicates.set(key, []);
      replicates.get(key)!.push(value);
    }
  }
  return Object.fromEntries(
    [...replicates].map(([key, values]) => [key, percentileInterval(values, settings.confidence)]),
  ) as Record<K, Interval>;
}
