import { describe, expect, it } from "vitest";
import { seededRandom } from "../../seeded-random";
import { bootstrapIntervals, percentileInterval, quantile } from "./bootstrap";
import { selectionRate, type ConfusionCounts } from "./counts";

describe("percentile intervals", () => {
  it("interpolate between order statistics as numpy.percentile does", () => {
    // numpy.percentile([1, 2, 3, 4, 10], [2.5, 97.5]) = [1.1, 9.4]: positions 0.1 and 3.9.
    expect(quantile([1, 2, 3, 4, 10], 0.025)).toBeCloseTo(1.1, 12);
    expect(quantile([1, 2, 3, 4, 10], 0.975)).toBeCloseTo(9.4, 12);
    expect(percentileInterval([10, null, 4, 3, 2, 1], 0.95)).toEqual([
      expect.closeTo(1.1, 12),
      expect.closeTo(9.4, 12),
    ]);
    expect(percentileInterval([null, null], 0.95)).toBeNull();
  });
});

describe("bootstrapIntervals", () => {
  const byGroup = new Map<string, ConfusionCounts>([
    ["a", { tp: 300, fp: 100, fn: 50, tn: 550 }],
    ["b", { tp: 30, fp: 20, fn: 25, tn: 125 }],
  ]);
  const statistic = (groups: ReadonlyMap<string, ConfusionCounts>) => ({
    a: selectionRate(groups.get("a")!),
    b: selectionRate(groups.get("b")!),
  });

  it("is deterministic for a seed and changes with it", () => {
    const settings = { resamples: 300, seed: 5, confidence: 0.95 };
    expect(bootstrapIntervals(byGroup, statistic, settings)).toEqual(bootstrapIntervals(byGroup, statistic, settings));
    expect(bootstrapIntervals(byGroup, statistic, { ...settings, seed: 6 })).not.toEqual(
      bootstrapIntervals(byGroup, statistic, settings),
    );
  });

  it("agrees with a bootstrap that resamples the rows themselves", () => {
    // The reference: the same percentile bootstrap done the plain way, drawing row indices with
    // replacement from each group's expanded rows. Both estimate the same interval; with 2000
    // resamples each the ends agree to within Monte Carlo error (≈ 0.005 for these sizes). The
    // textbook interval for b, 50/200 = 0.25 ± 1.96·√(0.25·0.75/200) = [0.190, 0.310], agrees too.
    const resamples = 2000;
    const fromCounts = bootstrapIntervals(byGroup, statistic, { resamples, seed: 1, confidence: 0.95 });
    const random = seededRandom(99);
    const rowsOf = (c: ConfusionCounts) => [
      ...new Array<number>(c.tp + c.fp).fill(1),
      ...new Array<number>(c.fn + c.tn).fill(0),
    ];
    const rowLevel = (rows: number[]) => {
      const replicates = Array.from({ length: resamples }, () => {
        let selected = 0;
        for (let i = 0; i < rows.length; i++) selected += rows[Math.floor(random() * rows.length)]!;
        return selected / rows.length;
      });
      return percentileInterval(replicates, 0.95)!;
    };
    const a = rowLevel(rowsOf(byGroup.get("a")!));
    const b = rowLevel(rowsOf(byGroup.get("b")!));
    expect(fromCounts.a![0]).toBeCloseTo(a[0], 2);
    expect(fromCounts.a![1]).toBeCloseTo(a[1], 2);
    expect(Math.abs(fromCounts.b![0] - b[0])).toBeLessThan(0.01);
    expect(Math.abs(fromCounts.b![1] - b[1])).toBeLessThan(0.01);
    expect(Math.abs(fromCounts.b![0] - 0.19)).toBeLessThan(0.01);
    expect(Math.abs(fromCounts.b![1] - 0.31)).toBeLessThan(0.01);
  });
});
