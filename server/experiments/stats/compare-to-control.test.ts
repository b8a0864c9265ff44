import { describe, expect, it } from "vitest";
import { compareToControl } from "./compare-to-control";
import { summarizeMean, summarizeProportion } from "./summaries";

/** The SQL aggregate for n values with this mean and (n − 1) sample variance. */
function aggregate(n: number, mean: number, variance: number) {
  return { n, sum: n * mean, sumSquares: (n - 1) * variance + n * mean * mean };
}

describe("compareToControl", () => {
  // Control n = 200, mean 10, s² = 9; treatment n = 150, mean 10.5, s² = 4.
  const control = summarizeMean(aggregate(200, 10, 9));
  const treatment = summarizeMean(aggregate(150, 10.5, 4));

  it("gives the delta-method lift interval, Welch p and GrowthBook's Bayesian figures", () => {
    // Lift = 10.5/10 − 1 = 0.05.
    // se² = (4/150)/10² + 10.5²·(9/200)/10⁴ = 2.6667e-4 + 4.9613e-4 → se = 0.027618683289879455.
    // t(0.975, df = 343.5885) = scipy stats.t.ppf → CI = (−0.004322976959381823, 0.10432297695938184).
    // p: scipy stats.ttest_ind_from_stats(10.5, 2, 150, 10, 3, 200, equal_var=False) = 0.06265247218010553.
    // Chance to win: scipy stats.norm.sf(0, 0.05, se) = 0.9648806857634094.
    // Expected loss: E[max(−X, 0)], X ~ N(0.05, se²), by numerical integration (scipy integrate.quad
    // of max(−x, 0)·norm.pdf(x, 0.05, se) over [−1, 0]) = 0.0003840999481698911, independent of the
    // closed form the code uses.
    const result = compareToControl(control, treatment);
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.lift).toBeCloseTo(0.05, 12);
    expect(result.liftStandardError).toBeCloseTo(0.027618683289879455, 12);
    expect(result.ci[0]).toBeCloseTo(-0.004322976959381823, 9);
    expect(result.ci[1]).toBeCloseTo(0.10432297695938184, 9);
    expect(result.pValue).toBeCloseTo(0.06265247218010553, 10);
    expect(result.chanceToWin).toBeCloseTo(0.9648806857634094, 10);
    expect(result.expectedLoss).toBeCloseTo(0.0003840999481698911, 10);
  });

  it("flips chance to win and loss when lower is better", () => {
    // Now the treatment's higher value is worse: chance to win = P(X < 0) = scipy norm.cdf(0, 0.05, se)
    // = 0.03511931423659069, loss = E[max(X, 0)] by integration = 0.05038409994816989.
    const result = compareToControl(control, treatment, { higherIsBetter: false });
    expect(result.status === "ok" && result.chanceToWin).toBeCloseTo(0.03511931423659069, 10);
    expect(result.status === "ok" && result.expectedLoss).toBeCloseTo(0.05038409994816989, 10);
    expect(result.status === "ok" && result.pValue).toBeCloseTo(0.06265247218010553, 10);
  });

  it("treats a proportion with its Bernoulli variance", () => {
    // Control 50/400 (p = 0.125), treatment 70/400 (p = 0.175), variance p(1 − p).
    // scipy: stats.ttest_ind_from_stats(0.175, √(0.175·0.825), 400, 0.125, √(0.125·0.875), 400,
    // equal_var=False) → p = 0.04747439234800408. Lift = 0.175/0.125 − 1 = 0.4.
    const result = compareToControl(
      summarizeProportion({ n: 400, successes: 50 }),
      summarizeProportion({ n: 400, successes: 70 }),
    );
    expect(result.status === "ok" && result.lift).toBeCloseTo(0.4, 12);
    expect(result.status === "ok" && result.pValue).toBeCloseTo(0.04747439234800408, 10);
  });

  it.each([
    ["fewer than 2 units", { n: 1, mean: 5, variance: 0 }, { n: 100, mean: 5, variance: 1 }, /at least 2 units/],
    ["zero variance in both arms", { n: 50, mean: 5, variance: 0 }, { n: 50, mean: 6, variance: 0 }, /zero variance/],
    [
      "a zero control mean",
      { n: 50, mean: 0, variance: 0.5 },
      { n: 50, mean: 0.1, variance: 0.5 },
      /control mean is zero/,
    ],
  ])("answers not enough data for %s", (_label, c, t, reason) => {
    const result = compareToControl(c, t);
    expect(result.status).toBe("not-enough-data");
    expect(result.status === "not-enough-data" && result.reason).toMatch(reason);
  });

  it("answers not enough data for a 0 % control rate rather than an infinite lift", () => {
    const result = compareToControl(
      summarizeProportion({ n: 300, successes: 0 }),
      summarizeProportion({ n: 300, successes: 4 }),
    );
    expect(result).toMatchObject({ status: "not-enough-data" });
  });
});
