import { describe, expect, it } from "vitest";
import { proportionGuardrail } from "./guardrail";

describe("proportionGuardrail", () => {
  it("fires on a clearly worse arm with the textbook one-sided p-value", () => {
    // Control 10/1000, treatment 25/1000. Pooled p̂ = 35/2000 = 0.0175;
    // se = √(0.0175 · 0.9825 · (1/1000 + 1/1000)) = √3.43875e−5 = 0.0058641;
    // z = 0.015/0.0058641 = 2.5579; p = scipy stats.norm.sf(2.5579435578928087) = 0.005264659032641467.
    const result = proportionGuardrail({ n: 1000, successes: 10 }, { n: 1000, successes: 25 });
    expect(result.breached).toBe(true);
    expect(result.pValue).toBeCloseTo(0.005264659032641467, 12);
    expect(result.reason).toContain("breached");
    expect(result.reason).toContain("2.50 % (25/1000) vs control 1.00 % (10/1000)");
  });

  it("does not fire when the treatment is better, however clearly", () => {
    // Same numbers reversed: z = −2.5579, p = 1 − 0.005265 = 0.994735.
    const result = proportionGuardrail({ n: 1000, successes: 25 }, { n: 1000, successes: 10 });
    expect(result.breached).toBe(false);
    expect(result.pValue).toBeCloseTo(1 - 0.005264659032641467, 12);
  });

  it("honours a stricter alpha", () => {
    const result = proportionGuardrail({ n: 1000, successes: 10 }, { n: 1000, successes: 25 }, { alpha: 0.001 });
    expect(result.breached).toBe(false);
  });

  it("waits for the minimum sample", () => {
    const result = proportionGuardrail({ n: 150, successes: 0 }, { n: 150, successes: 30 }, { minSamplePerArm: 200 });
    expect(result).toMatchObject({ breached: false, pValue: null });
    expect(result.reason).toContain("not enough data yet: 150 of the 200");
  });

  it("holds when neither arm has a single flag", () => {
    expect(proportionGuardrail({ n: 500, successes: 0 }, { n: 500, successes: 0 })).toMatchObject({
      breached: false,
      pValue: 1,
    });
  });
});
