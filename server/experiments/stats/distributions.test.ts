import { describe, expect, it } from "vitest";
import { chiSquareSurvival, studentTQuantile } from "./distributions";

describe("studentTQuantile", () => {
  // References: scipy 1.17 stats.t.ppf(0.975, df); df = 9 and df = 1 are also in printed t tables
  // (2.262 and 12.706). df = 1 is the Cauchy, whose quantile is tan(π(p − 1/2)) = tan(0.475π).
  it.each([
    [0.975, 9, 2.262157162798205],
    [0.975, 1, 12.706204736174694],
    [0.975, 37.5, 2.025280941194336],
    [0.05, 4, -2.131846786326651],
  ])("p=%s, df=%s → %s", (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 9);
  });

  it("agrees with the Cauchy closed form at df = 1", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 9);
  });

  it("refuses p outside (0, 1)", () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
  });
});

describe("chiSquareSurvival", () => {
  // With 2 degrees of freedom the chi-square is an exponential with mean 2: P(X ≥ x) = e^(−x/2).
  it("matches the df = 2 closed form", () => {
    expect(chiSquareSurvival(2.6, 2)).toBeCloseTo(Math.exp(-1.3), 12);
  });
});
