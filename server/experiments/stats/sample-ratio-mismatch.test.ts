import { describe, expect, it } from "vitest";
import { sampleRatioMismatch } from "./sample-ratio-mismatch";

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
