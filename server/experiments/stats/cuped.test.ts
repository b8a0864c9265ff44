import { describe, expect, it } from "vitest";
import { cupedAdjust } from "./cuped";

describe("cupedAdjust", () => {
  // Control: X = [1, 2, 3, 4], Y = [2, 3, 5, 6]; treatment: X = [2, 3, 4, 5], Y = [4, 4, 7, 9].
  const control = { n: 4, sumX: 10, sumY: 16, sumX2: 30, sumY2: 74, sumXY: 47 };
  const treatment = { n: 4, sumX: 14, sumY: 24, sumX2: 54, sumY2: 162, sumXY: 93 };

  it("pools θ within arms and adjusts means and variances", () => {
    // By hand. Control: x̄ = 2.5, ȳ = 4, S_xx = 5, S_xy = 3 + 0.5 + 0.5 + 3 = 7, S_yy = 10.
    // Treatment: x̄ = 3.5, ȳ = 6, S_xx = 5, S_xy = 3 + 1 + 0.5 + 4.5 = 9, S_yy = 18.
    // θ = (7 + 9)/(5 + 5) = 1.6; overall x̄ = 24/8 = 3.
    // Adjusted means: 4 − 1.6·(2.5 − 3) = 4.8 and 6 − 1.6·(3.5 − 3) = 5.2.
    // Adjusted variances, checked on the values themselves: control Y − 1.6X = 0.4, −0.2, 0.2, −0.4 →
    // s² = 0.4/3; treatment Y − 1.6X = 0.8, −0.8, 0.6, 1.0 (mean 0.4) → s² = 2.0/3.
    const result = cupedAdjust([control, treatment]);
    expect(result.applied).toBe(true);
    if (!result.applied) return;
    expect(result.theta).toBeCloseTo(1.6, 12);
    expect(result.summaries[0]?.mean).toBeCloseTo(4.8, 12);
    expect(result.summaries[1]?.mean).toBeCloseTo(5.2, 12);
    expect(result.summaries[0]?.variance).toBeCloseTo(0.4 / 3, 12);
    expect(result.summaries[1]?.variance).toBeCloseTo(2 / 3, 12);
  });

  it("falls back when pre-exposure values do not vary", () => {
    const flat = { n: 3, sumX: 6, sumY: 9, sumX2: 12, sumY2: 29, sumXY: 18 };
    expect(cupedAdjust([flat, flat])).toEqual({ applied: false, reason: "pre-exposure values do not vary" });
  });

  it("falls back without pre-exposure data or with a one-user arm", () => {
    expect(cupedAdjust([]).applied).toBe(false);
    expect(cupedAdjust([control, { n: 1, sumX: 1, sumY: 1, sumX2: 1, sumY2: 1, sumXY: 1 }]).applied).toBe(false);
  });
});
