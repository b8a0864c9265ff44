import { describe, expect, it } from "vitest";
import { chanceToWin, expectedLoss } from "./bayesian";

describe("GrowthBook Bayesian figures", () => {
  it("at a zero effect: chance to win ½ and loss σ/√(2π)", () => {
    // E[max(−X, 0)] for X ~ N(0, σ²) is half the mean absolute deviation, σ·√(2/π)/2 = σ/√(2π).
    expect(chanceToWin(0, 0.1)).toBe(0.5);
    expect(expectedLoss(0, 0.1)).toBeCloseTo(0.1 / Math.sqrt(2 * Math.PI), 14);
  });

  it("loss shrinks towards zero for a clearly positive effect and towards −μ for a clearly negative one", () => {
    // μ = ±10σ: P(X < 0) = Φ(−10) ≈ 7.6e−24, so the loss is 0 for +10σ and |μ| for −10σ to double precision.
    expect(expectedLoss(1, 0.1)).toBeCloseTo(0, 14);
    expect(expectedLoss(-1, 0.1)).toBeCloseTo(1, 12);
    expect(chanceToWin(1, 0.1)).toBeCloseTo(1, 14);
  });

  it("satisfies loss(μ) − loss(−μ) = −μ", () => {
    // E[max(−X,0)] − E[max(X,0)] = E[−X] = −μ, and loss(−μ) = E[max(X,0)] by symmetry.
    expect(expectedLoss(0.03, 0.02) - expectedLoss(-0.03, 0.02)).toBeCloseTo(-0.03, 14);
  });
});
