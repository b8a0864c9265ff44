import { describe, expect, it } from "vitest";
import { meanInterval, wilsonInterval } from "./arm-intervals";

describe("meanInterval", () => {
  it("gives the t interval of the values 1…10", () => {
    // By hand: n = 10, Σx = 55, Σx² = 385, x̄ = 5.5, s² = (385 − 10·5.5²)/9 = 82.5/9, s/√n = 0.957427;
    // t(0.975, 9) = 2.262157 → 5.5 ± 2.165851. scipy: stats.t.interval(0.95, 9, 5.5, sem(1..10))
    // = (3.334149410331831, 7.665850589668169).
    const result = meanInterval({ n: 10, sum: 55, sumSquares: 385 });
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.mean).toBe(5.5);
    expect(result.ci[0]).toBeCloseTo(3.334149410331831, 9);
    expect(result.ci[1]).toBeCloseTo(7.665850589668169, 9);
  });

  it("says not enough data for a single value instead of NaN", () => {
    expect(meanInterval({ n: 1, sum: 4, sumSquares: 16 })).toMatchObject({ status: "not-enough-data", n: 1 });
  });

  it("gives the point interval when every value is equal", () => {
    expect(meanInterval({ n: 3, sum: 12, sumSquares: 48 })).toEqual({ status: "ok", n: 3, mean: 4, ci: [4, 4] });
  });
});

describe("wilsonInterval", () => {
  // References: scipy 1.17 stats.binomtest(k, n).proportion_ci(0.95, "wilson").
  it.each([
    [0, 100, 0, 0.03699349820698568],
    [20, 100, 0.1333669333310325, 0.2888291655931589],
    [3, 10, 0.10779126740630102, 0.6032218525388546],
  ])("%s of %s → [%s, %s]", (successes, n, low, high) => {
    const result = wilsonInterval({ n, successes });
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.mean).toBe(successes / n);
    expect(result.ci[0]).toBeCloseTo(low, 9);
    expect(result.ci[1]).toBeCloseTo(high, 9);
  });

  it("at 0 events has the closed-form upper bound z²/(n + z²)", () => {
    // With p = 0 the Wilson bounds are 0 and z²/(n + z²); z = 1.959964, n = 100 → 3.841459/103.841459.
    const z = 1.959963984540054;
    const result = wilsonInterval({ n: 100, successes: 0 });
    expect(result.status === "ok" && result.ci[1]).toBeCloseTo((z * z) / (100 + z * z), 12);
  });

  it("says not enough data for an empty arm", () => {
    expect(wilsonInterval({ n: 0, successes: 0 })).toMatchObject({ status: "not-enough-data" });
  });
});
