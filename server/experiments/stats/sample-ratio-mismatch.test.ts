import { describe, expect, it } from "vitest";
import { sampleRatioMismatch, sampleRatioMismatchByEpoch } from "./sample-ratio-mismatch";

describe("sampleRatioMismatch", () => {
  it("raises the alert for a 55/45 split of a 50/50 experiment with 2,000 users", () => {
    // By hand: expected 1000/1000, χ² = 100²/1000 + 100²/1000 = 20, df = 1.
    // scipy: stats.chisquare([1100, 900]) → p = 7.744216431044088e-06 < 0.001.
    const result = sampleRatioMismatch([1100, 900], [0.5, 0.5]);
    expect(result.chiSquare).toBeCloseTo(20, 12);
    expect(result.pValue).toBeCloseTo(7.744216431044088e-6, 15);
    expect(result.status).toBe("alert");
    expect(result.reason).toContain("55.0 % / 45.0 %");
  });

  it("warns between p = 0.001 and 0.01", () => {
    // χ² = 60²/1000 · 2 = 7.2; scipy stats.chisquare([1060, 940]) → p = 0.0072903580915356595.
    const result = sampleRatioMismatch([1060, 940], [50, 50]);
    expect(result.pValue).toBeCloseTo(0.0072903580915356595, 12);
    expect(result.status).toBe("warning");
  });

  it("accepts a three-arm split within chance", () => {
    // Expected 1000/3 each; χ² = (23.33² + 6.67² + 16.67²)/333.33 = 866.67/333.33 = 2.6, df = 2,
    // p = e^(−2.6/2) = 0.27253 (df = 2 survival closed form).
    const result = sampleRatioMismatch([310, 340, 350], [1, 1, 1]);
    expect(result.chiSquare).toBeCloseTo(2.6, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-1.3), 12);
    expect(result.status).toBe("ok");
  });

  it("uses unequal weights", () => {
    // 90/10 experiment, 900/100 observed: exactly as expected → χ² = 0, p = 1.
    expect(sampleRatioMismatch([900, 100], [0.9, 0.1])).toMatchObject({ chiSquare: 0, pValue: 1, status: "ok" });
  });

  it("has nothing to say before any user arrives", () => {
    expect(sampleRatioMismatch([0, 0], [0.5, 0.5]).status).toBe("not-enough-data");
  });
});

describe("sampleRatioMismatchByEpoch (the weights changed while the experiment ran)", () => {
  // Reference values by hand: each epoch's expected counts are its users split by its weights;
  // χ² sums (O − E)²/E over every epoch and arm; two arms and two epochs give df = 2, whose
  // survival function is e^(−χ²/2) in closed form.

  it("finds nothing wrong with 50/50 under 0.5/0.5 followed by 10/90 under 0.1/0.9", () => {
    const epochs = [
      { weights: [0.5, 0.5], users: [50, 50] },
      { weights: [0.1, 0.9], users: [10, 90] },
    ];
    // Epoch 1 expects 50/50, epoch 2 10/90: χ² = 0, p = 1; pooled expected 60/140.
    expect(sampleRatioMismatchByEpoch(epochs)).toMatchObject({
      status: "ok",
      chiSquare: 0,
      pValue: 1,
      degreesOfFreedom: 2,
      expected: [60, 140],
    });
    // Against today's weights alone the same users look broken: expected 20/180,
    // χ² = 40²/20 + 40²/180 = 80 + 8.89 = 88.89 (df = 1): the false alarm this function removes.
    const naive = sampleRatioMismatch([60, 140], [0.1, 0.9]);
    expect(naive.chiSquare).toBeCloseTo(80 + 1600 / 180, 10);
    expect(naive.status).toBe("alert");
  });

  it("sums the epochs' statistics", () => {
    // Epoch 1: 55/45 against 50/50 → 25/50 + 25/50 = 1. Epoch 2: 15/85 against 10/90 → 25/10 + 25/90
    // = 2.5 + 0.2778. χ² = 3.7778, df = 2, p = e^(−1.8889) = 0.15124.
    const result = sampleRatioMismatchByEpoch([
      { weights: [0.5, 0.5], users: [55, 45] },
      { weights: [0.1, 0.9], users: [15, 85] },
    ]);
    expect(result.chiSquare).toBeCloseTo(1 + 2.5 + 25 / 90, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-(1 + 2.5 + 25 / 90) / 2), 12);
    expect(result.expected).toEqual([60, 140]);
    expect(result).toMatchObject({ status: "ok", degreesOfFreedom: 2 });
    expect(result.reason).toContain("the weights in effect at each exposure (2 splits)");
  });

  it("still raises a real mismatch after a weight change", () => {
    // Epoch 2 gets 25/75 under 0.1/0.9: expected 10/90, χ² = 15²/10 + 15²/90 = 22.5 + 2.5 = 25,
    // df = 2, p = e^(−12.5) = 3.7267e-6.
    const result = sampleRatioMismatchByEpoch([
      { weights: [0.5, 0.5], users: [50, 50] },
      { weights: [0.1, 0.9], users: [25, 75] },
    ]);
    expect(result.chiSquare).toBeCloseTo(25, 10);
    expect(result.pValue).toBeCloseTo(Math.exp(-12.5), 12);
    expect(result.status).toBe("alert");
    expect(result.reason).toContain("differ from the weights in effect at each exposure");
  });

  it("sees opposite mismatches in two epochs that pooling would cancel", () => {
    // 65/35 then 35/65, both under 50/50: each epoch χ² = 2 · 15²/50 = 9, together 18 on df = 2,
    // p = e^(−9) = 1.234e-4 → alert; pooled 100/100 against 100/100 would give χ² = 0.
    const result = sampleRatioMismatchByEpoch([
      { weights: [0.5, 0.5], users: [65, 35] },
      { weights: [0.5, 0.5], users: [35, 65] },
    ]);
    expect(result.chiSquare).toBeCloseTo(18, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-9), 15);
    expect(result.status).toBe("alert");
  });

  it("counts only epochs with users in the degrees of freedom, and alerts on users of a weight-0 arm", () => {
    // A split that no user was exposed under adds nothing: df stays 1, as with one epoch.
    expect(
      sampleRatioMismatchByEpoch([
        { weights: [0.9, 0.1], users: [0, 0] },
        { weights: [0.5, 0.5], users: [1060, 940] },
      ]),
    ).toMatchObject({ degreesOfFreedom: 1, chiSquare: expect.closeTo(7.2, 12), status: "warning" });
    expect(
      sampleRatioMismatchByEpoch([
        { weights: [1, 0], users: [3, 2] },
        { weights: [0.5, 0.5], users: [5, 5] },
      ]),
    ).toMatchObject({ status: "alert", pValue: 0, reason: expect.stringContaining("arm 1 has weight 0 but 2 users") });
  });

  it("refuses epochs of the wrong arm count", () => {
    expect(() =>
      sampleRatioMismatchByEpoch([
        { weights: [0.5, 0.5], users: [1, 1] },
        { weights: [0.2, 0.3, 0.5], users: [1, 1, 1] },
      ]),
    ).toThrow(/one entry per arm/);
  });
});
