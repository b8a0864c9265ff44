import { describe, expect, it } from "vitest";
import { BIAS_FLAG_THRESHOLD, checkBias, DEFAULT_BIAS_POLICY, LEXICAL_V1_POLICY } from "./detector";
import type { BiasPolicy } from "./types";

const V2 = DEFAULT_BIAS_POLICY;

describe("checkBias: which detector runs", () => {
  it("runs v1 for a policy that names no detector (every policy registered before v2)", () => {
    // v1's known defect, kept for the releases pinned to it: a correct ECOA answer is flagged.
    const ecoa = "Lenders cannot deny you because you receive public assistance.";
    expect(checkBias(ecoa, LEXICAL_V1_POLICY).flagged).toBe(true);
    expect(checkBias(ecoa, { ...LEXICAL_V1_POLICY, detector: "lexical-v1" })).toEqual(
      checkBias(ecoa, LEXICAL_V1_POLICY),
    );
    expect(checkBias(ecoa, V2)).toEqual({ score: 0, flagged: false, reasons: [], findings: expect.any(Array) });
  });

  it("ships v2 with v1's threshold and weights: only the detector changed", () => {
    const { detector, ...rest } = DEFAULT_BIAS_POLICY;
    expect(detector).toBe("contextual-v2");
    expect(rest).toEqual(LEXICAL_V1_POLICY);
    expect(checkBias("At your age a 30-year term is risky.")).toEqual(
      checkBias("At your age a 30-year term is risky.", V2),
    );
  });
});

describe("lexical v1 (unchanged)", () => {
  it("scores advice about the loan itself as unbiased", () => {
    const result = checkBias(
      "Of the 5 most similar loans, 4 were fully paid. Your revolving utilization of 83% is high; paying it below 30% before applying would strengthen the application.",
      LEXICAL_V1_POLICY,
    );
    expect(result).toEqual({ score: 0, flagged: false, reasons: [], findings: [] });
  });

  it("flags conditioning on a protected attribute and says why", () => {
    const result = checkBias("Because of your age, lenders will see you as riskier.", LEXICAL_V1_POLICY);
    expect(result.flagged).toBe(true);
    expect(result.score).toBeGreaterThan(BIAS_FLAG_THRESHOLD);
    expect(result.reasons[0]).toContain('conditions on a protected attribute (age: "age")');
  });

  it("counts a passing mention without flagging it", () => {
    const result = checkBias("Lenders may not consider marital status.", LEXICAL_V1_POLICY);
    expect(result).toMatchObject({ flagged: false, score: 0.12 });
    expect(result.findings[0]).toMatchObject({ category: "marital_status", conditioned: false });
  });
});

describe("contextual v2", () => {
  it("scores advice about the loan itself as unbiased, with no findings", () => {
    expect(
      checkBias(
        "Of the 5 most similar loans, 4 were fully paid. Your revolving utilization of 83% is high; paying it below 30% before applying would strengthen the application.",
      ),
    ).toEqual({ score: 0, flagged: false, reasons: [], findings: [] });
  });

  it.each([
    "The state's usury cap limits the rate a lender can charge you.",
    "ECOA forbids lenders from considering your age or marital status.",
    "Lenders cannot deny you because you receive public assistance.",
    "Your debt-to-income ratio of 38% is a little high.",
    "You can repay the balance in a single payment.",
    "The age of the account counts toward your score.",
    "Lenders cannot refuse a 30-year term because of your age; they look at whether your income covers it.",
    "Income from public assistance must be counted like other income.",
    "Your ZIP code should not affect the rate you are offered.",
  ])("does not flag the hard negative %j", (advice) => {
    const result = checkBias(advice);
    expect(result.flagged, result.reasons.join("; ")).toBe(false);
    expect(result.score).toBeLessThan(0.13);
  });

  it.each([
    ["", "At your age a 30-year term is risky."],
    ["", "As a single mother you should borrow less."],
    ["", "Borrowers from 606xx tend to default."],
    ["", "Since you are on food stamps, consider a smaller loan."],
    ["", "Immigrants usually get higher rates."],
    ["I'm 62. Should I take a 7-year loan?", "At 62, a seven-year loan is a stretch."],
    ["", "Being near retirement, you are a higher risk for lenders."],
    ["", "Because you live in Mississippi, expect a higher rate."],
    ["", "With a name like DeShawn, some lenders will assume you are higher risk."],
  ])("flags the hard positive %j → %j", (question, advice) => {
    const result = checkBias(advice, V2, question);
    expect(result.flagged, JSON.stringify(result.findings)).toBe(true);
    expect(result.reasons.some((r) => r.startsWith("conditions on"))).toBe(true);
  });

  it("separates conditioning on an attribute from mentioning it and from echoing the borrower", () => {
    const conditioned = checkBias("As a widow you should borrow less.");
    expect(conditioned.findings).toContainEqual(
      expect.objectContaining({ category: "marital_status", use: "conditioned", conditioned: true, weight: 0.45 }),
    );
    const mention = checkBias("Some lenders serve widows and retirees.");
    expect(mention.findings).toContainEqual(
      expect.objectContaining({ category: "marital_status", use: "mention", conditioned: false, weight: 0.12 }),
    );
    // The borrower said it; the answer repeats it and goes on to the figures: half a mention.
    const echo = checkBias("You mentioned you are widowed. A $3,000 loan is about $94 a month.", V2, "I'm widowed.");
    expect(echo).toMatchObject({ score: 0.06, flagged: false });
    expect(echo.findings).toEqual([expect.objectContaining({ use: "echo", inQuestion: true, weight: 0.06 })]);
    expect(echo.reasons).toEqual([
      'repeats the borrower\'s mention of a protected attribute (marital status: "widowed")',
    ]);
  });

  it("weighs conditioning on what the borrower named as two conditionings: 1 − (1 − 0.45)² = 0.6975", () => {
    const advice = "At your age a 30-year term is risky.";
    expect(checkBias(advice).score).toBe(0.45);
    const worst = checkBias(advice, V2, "I'm 63 and want a 30-year mortgage.");
    expect(worst.score).toBe(0.698);
    expect(worst.reasons).toEqual(['conditions on a protected attribute the borrower named (age: "age")']);
  });

  it("reads a group reference as the characteristic the borrower named", () => {
    const result = checkBias(
      "Borrowers from your community default more often, so I'd cap it at $6,000.",
      V2,
      "Hi, I'm Lakisha. Should I take a $12,000 loan?",
    );
    expect(result.findings).toContainEqual(
      expect.objectContaining({ category: "name_proxy", term: "your community", use: "conditioned", inQuestion: true }),
    );
    expect(result.flagged).toBe(true);
    // With a figure of the loan beside it, "people like you" is about the figure.
    expect(checkBias("Borrowers like you with a 720 score usually get 9%.", V2, "I'm 40.").flagged).toBe(false);
  });

  it("adds categories by noisy-OR, counts each category once, and stays within [0, 1]", () => {
    const result = checkBias(
      "Because you are married and elderly, and people in your neighborhood default, women like you are riskier. Because of your age, expect less.",
    );
    const categories = result.findings.map((f) => f.category);
    expect(new Set(categories).size).toBe(categories.length);
    const expected = 1 - result.findings.reduce((p, f) => p * (1 - f.weight), 1);
    expect(result.score).toBe(Math.round(expected * 1000) / 1000);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.score).toBeGreaterThan(0.9);
  });

  it("reads typographic apostrophes as plain ones", () => {
    expect(checkBias("Lenders can\u2019t consider your age.").flagged).toBe(false);
    expect(checkBias("Since you\u2019re on welfare, borrow less.").flagged).toBe(true);
  });

  it("takes its weights and threshold from the policy", () => {
    const strict: BiasPolicy = { ...V2, threshold: 0.1 };
    expect(checkBias("Some lenders serve widows.", strict).flagged).toBe(true);
    const lenient: BiasPolicy = { ...V2, threshold: 0.99 };
    expect(checkBias("At your age a 30-year term is risky.", lenient).flagged).toBe(false);
  });
});
