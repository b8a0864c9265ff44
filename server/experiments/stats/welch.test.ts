import { describe, expect, it } from "vitest";
import { welchTest } from "./welch";

describe("welchTest", () => {
  it("matches scipy's Welch test from summary statistics", () => {
    // Control n = 200, mean 10, sd 3; treatment n = 150, mean 10.5, sd 2.
    // scipy 1.17: stats.ttest_ind_from_stats(10.5, 2.0, 150, 10.0, 3.0, 200, equal_var=False)
    //   → t = 1.867718419094071, p = 0.06265247218010553.
    // df by hand: a = 9/200 = 0.045, b = 4/150 = 0.026667; (a + b)²/(a²/199 + b²/149) = 343.5885.
    const result = welchTest({ n: 200, mean: 10, variance: 9 }, { n: 150, mean: 10.5, variance: 4 });
    expect(result.difference).toBeCloseTo(0.5, 12);
    expect(result.t).toBeCloseTo(1.867718419094071, 10);
    expect(result.degreesOfFreedom).toBeCloseTo(343.5884999843324, 8);
    expect(result.pValue).toBeCloseTo(0.06265247218010553, 10);
  });

  it("is symmetric in the sign of the difference", () => {
    const forward = welchTest({ n: 200, mean: 10, variance: 9 }, { n: 150, mean: 10.5, variance: 4 });
    const backward = welchTest({ n: 200, mean: 10.5, variance: 9 }, { n: 150, mean: 10, variance: 4 });
    expect(backward.t).toBeCloseTo(-forward.t, 12);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
  });
});
