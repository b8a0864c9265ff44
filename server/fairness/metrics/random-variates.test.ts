import { describe, expect, it } from "vitest";
import { seededRandom } from "../../seeded-random";
import { binomial, resampleCounts } from "./random-variates";

function moments(draws: number[]) {
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
  return { mean, variance };
}

describe("binomial", () => {
  it.each([
    { n: 30, p: 0.3 }, // counted directly
    { n: 1000, p: 0.72 }, // through the order-statistic recursion
    { n: 1_000_000, p: 0.05 },
  ])("has mean np and variance np(1 − p) for n = $n, p = $p", ({ n, p }) => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 20_000 }, () => binomial(n, p, random));
    const { mean, variance } = moments(draws);
    const expectedVariance = n * p * (1 - p);
    // The sample mean's standard error is √(np(1−p)/20000); 5 of them is a loose, seed-fixed bound.
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(expectedVariance / 20_000));
    // The sample variance's relative standard error is about √(2/20000) = 1 %; allow 5 %.
    expect(Math.abs(variance / expectedVariance - 1)).toBeLessThan(0.05);
    expect(draws.every((k) => Number.isInteger(k) && k >= 0 && k <= n)).toBe(true);
  });

  it("is exact at the ends of p", () => {
    const random = seededRandom(1);
    expect([binomial(50, 0, random), binomial(50, 1, random), binomial(0, 0.5, random)]).toEqual([0, 50, 0]);
  });

  it("matches the exact distribution for a small n (chi-square against the binomial pmf)", () => {
    // n = 5, p = 0.4: P(k) = C(5,k) 0.4^k 0.6^(5−k) = .07776, .2592, .3456, .2304, .0768, .01024.
    const pmf = [0.07776, 0.2592, 0.3456, 0.2304, 0.0768, 0.01024];
    const random = seededRandom(3);
    const draws = 50_000;
    const seen = new Array<number>(6).fill(0);
    for (let i = 0; i < draws; i++) seen[binomial(5, 0.4, random)]!++;
    const chiSquare = seen.reduce((sum, count, k) => sum + (count - draws * pmf[k]!) ** 2 / (draws * pmf[k]!), 0);
    // 5 degrees of freedom: the 99.9th percentile of χ²(5) is 20.52.
    expect(chiSquare).toBeLessThan(20.52);
  });
});

describe("resampleCounts", () => {
  it("keeps the total and draws each category in proportion", () => {
    const random = seededRandom(11);
    const totals = [0, 0, 0, 0];
    for (let r = 0; r < 20_000; r++) {
      const drawn = resampleCounts([500, 300, 0, 200], 1000, random);
      expect(drawn.reduce((a, b) => a + b, 0)).toBe(1000);
      expect(drawn[2]).toBe(0);
      drawn.forEach((k, i) => (totals[i]! += k));
    }
    // Means over 20000 resamples: 500, 300, 0, 200, each within 0.5 (standard errors ≈ 0.11, 0.10,
    // 0, 0.09: √(1000·p(1−p)/20000)).
    expect(totals.map((t) => t / 20_000)).toEqual([
      expect.closeTo(500, 0),
      expect.closeTo(300, 0),
      0,
      expect.closeTo(200, 0),
    ]);
  });
});
