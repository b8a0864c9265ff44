import { describe, expect, it } from "vitest";
import { analyzeExperiment, type ExperimentInput } from "./analyze-experiment";

/** The SQL aggregate for n values with this mean and (n − 1) sample variance. */
function aggregate(n: number, mean: number, variance: number) {
  return { n, sum: n * mean, sumSquares: (n - 1) * variance + n * mean * mean };
}

/** Paths of every NaN or ±Infinity in a result (JSON.stringify would quietly turn them into null). */
function nonFiniteNumbers(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => nonFiniteNumbers(child, `${path}.${key}`));
}

const twoArms: ExperimentInput = {
  arms: [
    { name: "control", weight: 0.5, users: 1010 },
    { name: "candidate", weight: 0.5, users: 990 },
  ],
  metrics: [
    // The reference cases of compare-to-control.test.ts: p = 0.06265247218010553 and 0.04747439234800408.
    { name: "satisfaction", kind: "mean", perArm: [aggregate(200, 10, 9), aggregate(150, 10.5, 4)] },
    {
      name: "thumbs-up rate",
      kind: "proportion",
      perArm: [
        { n: 400, successes: 50 },
        { n: 400, successes: 70 },
      ],
    },
    {
      name: "error rate",
      kind: "proportion",
      higherIsBetter: false,
      perArm: [
        { n: 400, successes: 0 },
        { n: 400, successes: 2 },
      ],
    },
  ],
  guardrails: [
    {
      name: "bias-flag rate",
      // Per user, one answer each: 10 and 25 of 1000 users flagged (the case of guardrail.test.ts).
      perArm: [
        { n: 1000, sumA: 10, sumB: 1000, sumA2: 10, sumB2: 1000, sumAB: 10 },
        { n: 1000, sumA: 25, sumB: 1000, sumA2: 25, sumB2: 1000, sumAB: 25 },
      ],
    },
  ],
};

describe("analyzeExperiment", () => {
  const result = analyzeExperiment(twoArms);

  it("reports arms with their share and a clean SRM check", () => {
    expect(result.arms).toEqual([
      { name: "control", weight: 0.5, users: 1010, share: 0.505 },
      { name: "candidate", weight: 0.5, users: 990, share: 0.495 },
    ]);
    // χ² = 2 · 10²/1000 = 0.2, p = 0.65 → ok.
    expect(result.srm).toMatchObject({ status: "ok", degreesOfFreedom: 1 });
    expect(result.srm.chiSquare).toBeCloseTo(0.2, 12);
  });

  it("Holm-adjusts across every comparison that has a p-value", () => {
    // Family of two (error rate has no p-value: its control rate is 0 %). Sorted 0.047474, 0.062652 →
    // 2 · 0.047474 = 0.094949, then max(0.094949, 1 · 0.062652) = 0.094949 for both.
    const [satisfaction, thumbsUp] = result.metrics;
    expect(satisfaction?.vsControl[0]).toMatchObject({ status: "ok", arm: 1 });
    expect(satisfaction?.vsControl[0]?.pAdjusted).toBeCloseTo(2 * 0.04747439234800408, 10);
    expect(thumbsUp?.vsControl[0]?.pAdjusted).toBeCloseTo(2 * 0.04747439234800408, 10);
  });

  it("says why a comparison has no figures instead of returning NaN", () => {
    const errorRate = result.metrics[2];
    expect(errorRate?.vsControl[0]).toEqual({
      status: "not-enough-data",
      reason: "the control mean is zero, so a relative lift is undefined",
      arm: 1,
      pAdjusted: null,
    });
    expect(nonFiniteNumbers(result)).toEqual([]);
  });

  it("gives per-arm intervals: t for means, Wilson for proportions", () => {
    const [satisfaction, thumbsUp] = result.metrics;
    expect(satisfaction?.perArm[0]).toMatchObject({ status: "ok", n: 200, mean: 10 });
    // Wilson for 50/400, by hand: z² = 3.841459, centre = (0.125 + 3.841459/800)/(1 + 3.841459/400)
    // = 0.129802/1.009604 = 0.128567; half = (1.959964/1.009604) · √(0.125·0.875/400 + 3.841459/640000)
    // = 1.941320 · 0.016718 = 0.032455 → [0.09611, 0.16102] to the 5 digits
    // hand rounding keeps; full precision from scipy binomtest(50, 400).proportion_ci(0.95, "wilson").
    const proportionArm = thumbsUp?.perArm[0];
    expect(proportionArm?.status === "ok" && proportionArm.ci[0]).toBeCloseTo(0.09611512323676381, 10);
    expect(proportionArm?.status === "ok" && proportionArm.ci[1]).toBeCloseTo(0.1610190975139586, 10);
    expect(satisfaction?.cuped).toEqual({ applied: false, reason: "no pre-exposure data" });
  });

  it("reports the breached guardrail and the arm to send back to control", () => {
    expect(result.guardrails[0]).toMatchObject({ name: "bias-flag rate", breached: true });
    expect(result.guardrails[0]?.arms[0]?.pValue).toBeCloseTo(0.005220721219115066, 12);
    expect(result.breachedArms).toEqual([1]);
  });

  it("adds CUPED over the users with pre-exposure sums, beside the metric, and compares every treatment with control", () => {
    // Arms 0 and 1 are the CUPED example of cuped.test.ts (adjusted means 4.8 and 5.2, θ = 1.6);
    // arm 2 repeats arm 1, so θ = (7 + 9 + 9)/(5 + 5 + 5) = 5/3 and overall x̄ = 38/12.
    const control = { n: 4, sumX: 10, sumY: 16, sumX2: 30, sumY2: 74, sumXY: 47 };
    const treatment = { n: 4, sumX: 14, sumY: 24, sumX2: 54, sumY2: 162, sumXY: 93 };
    const analysis = analyzeExperiment({
      arms: [
        { name: "a", weight: 1, users: 4 },
        { name: "b", weight: 1, users: 4 },
        { name: "c", weight: 1, users: 4 },
      ],
      metrics: [
        {
          name: "satisfaction",
          kind: "mean",
          perArm: [control, treatment, treatment].map((a) => ({ n: a.n, sum: a.sumY, sumSquares: a.sumY2 })),
          cuped: { covariate: "pre-exposure ratings", perArm: [control, treatment, treatment] },
        },
      ],
    });
    const metric = analysis.metrics[0]!;
    // The metric's own figures stay unadjusted: control's Y = 2, 3, 5, 6 has mean 4.
    expect(metric.perArm[0]).toMatchObject({ status: "ok", mean: 4 });
    const cuped = metric.cuped;
    expect(cuped?.applied).toBe(true);
    if (!cuped?.applied) return;
    expect(cuped.theta).toBeCloseTo(5 / 3, 12);
    // Control adjusted mean: 4 − (5/3)(2.5 − 38/12) = 4 + (5/3)(2/3) = 46/9.
    expect(cuped.perArm[0]?.status === "ok" && cuped.perArm[0].mean).toBeCloseTo(46 / 9, 12);
    // Control by hand: S_xx = 5, S_xy = 7, S_yy = 10; unadjusted s² = 10/3; adjusted
    // s² = (S_yy − 2θS_xy + θ²S_xx)/3 = (10 − 70/3 + 125/9)/3 = 5/27; reduction 1 − (5/27)/(10/3) = 17/18.
    expect(cuped.arms[0]?.unadjusted.variance).toBeCloseTo(10 / 3, 12);
    expect(cuped.arms[0]?.adjusted.variance).toBeCloseTo(5 / 27, 12);
    expect(cuped.arms[0]?.varianceReduction).toBeCloseTo(17 / 18, 12);
    expect(cuped.vsControl.map((c) => c.arm)).toEqual([1, 2]);
    expect(cuped.unadjustedVsControl.map((c) => c.arm)).toEqual([1, 2]);
    // Holm's family holds the metric's two comparisons and CUPED's two.
    expect([...metric.vsControl, ...cuped.vsControl].every((c) => c.pAdjusted !== null)).toBe(true);
    expect(metric.vsControl.map((c) => c.arm)).toEqual([1, 2]);
    expect(analysis.guardrails).toEqual([]);
    expect(analysis.breachedArms).toEqual([]);
  });

  it("refuses aggregates that do not match the arms", () => {
    expect(() =>
      analyzeExperiment({ ...twoArms, metrics: [{ name: "x", kind: "proportion", perArm: [{ n: 1, successes: 0 }] }] }),
    ).toThrow("x: 1 aggregates for 2 arms");
  });
});

describe("analyzeExperiment without usable pre-exposure data", () => {
  it("falls back to the unadjusted analysis and says why", () => {
    const arms = [
      { name: "a", weight: 1, users: 3 },
      { name: "b", weight: 1, users: 3 },
    ];
    const flat = { n: 3, sumX: 6, sumY: 9, sumX2: 12, sumY2: 29, sumXY: 18 };
    const perArm = [
      { n: 3, sum: 9, sumSquares: 29 },
      { n: 3, sum: 9, sumSquares: 29 },
    ];
    const cupedOf = (
      cupedArms: { n: number; sumX: number; sumY: number; sumX2: number; sumY2: number; sumXY: number }[],
    ) =>
      analyzeExperiment({
        arms,
        metrics: [{ name: "s", kind: "mean", perArm, cuped: { covariate: "pre-exposure ratings", perArm: cupedArms } }],
      }).metrics[0];
    const noVariation = cupedOf([flat, flat]);
    expect(noVariation?.cuped).toEqual({ applied: false, reason: "pre-exposure values do not vary" });
    // Values 2, 3, 4 in each arm: mean 3 unadjusted.
    expect(noVariation?.perArm[0]).toMatchObject({ status: "ok", mean: 3 });

    const none = { n: 0, sumX: 0, sumY: 0, sumX2: 0, sumY2: 0, sumXY: 0 };
    expect(cupedOf([none, none])?.cuped).toEqual({ applied: false, reason: "no pre-exposure ratings" });
    expect(cupedOf([flat, { ...flat, n: 1 }])?.cuped).toEqual({
      applied: false,
      reason: "an arm has fewer than 2 users with pre-exposure data",
    });
  });
});
