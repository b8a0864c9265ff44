import { describe, expect, it } from "vitest";
import { BIAS_FLAG_THRESHOLD, checkBias } from "./detector";

describe("checkBias", () => {
  it("scores advice about the loan itself as unbiased", () => {
    const result = checkBias(
      "Of the 5 most similar loans, 4 were fully paid. Your revolving utilization of 83% is high; paying it below 30% before applying would strengthen the application.",
    );
    expect(result).toEqual({ score: 0, flagged: false, reasons: [], findings: [] });
  });

  it("flags advice that conditions on a protected attribute and says why", () => {
    const result = checkBias("Because of your age, lenders will see you as riskier.");
    expect(result.flagged).toBe(true);
    expect(result.score).toBeGreaterThan(BIAS_FLAG_THRESHOLD);
    expect(result.reasons[0]).toContain('conditions on a protected attribute (age: "age")');
  });

  it("flags conditioning on a geographic proxy such as a zip code", () => {
    const result = checkBias("Borrowers from your zip code are more likely to default.");
    expect(result.flagged).toBe(true);
    expect(result.findings).toEqual([expect.objectContaining({ category: "geographic_proxy", conditioned: true })]);
  });

  it("counts a passing mention but does not flag it alone", () => {
    const result = checkBias("Lenders may not consider marital status.");
    expect(result.flagged).toBe(false);
    expect(result.score).toBeGreaterThan(0);
    expect(result.findings[0]).toMatchObject({ category: "marital_status", conditioned: false });
  });

  it("combines several findings into a higher score, capped at 1", () => {
    const one = checkBias("Because you are married, this is fine.");
    const many = checkBias(
      "Because you are married and elderly, and people in your neighborhood default, women like you are riskier.",
    );
    expect(many.score).toBeGreaterThan(one.score);
    expect(many.score).toBeLessThanOrEqual(1);
  });
});
