import { describe, expect, it } from "vitest";
import { understandQuestion } from "./understand";

describe("understandQuestion: the facts a question states", () => {
  it.each([
    [
      "I live in Texas, earn $48,000, rent, and want $15,000 over 36 months. How much should I borrow?",
      { income: 48_000, amount: 15_000, termMonths: 36, housing: "rent" },
    ],
    ["36 or 60 months?", { termsCompared: [36, 60] }],
    [
      "Should I take $12,000 for 3 or 5 years? I make 4k a month.",
      { termsCompared: [36, 60], income: 48_000, amount: 12_000 },
    ],
    [
      "I've been at my job for 6 years, make $55k, credit score 690, DTI 35%. Should I borrow $20k over 60 months to consolidate my cards?",
      {
        employmentYears: 6,
        income: 55_000,
        creditScore: 690,
        creditBand: "good",
        dti: 35,
        amount: 20_000,
        termMonths: 60,
        purpose: "debt_consolidation",
      },
    ],
    [
      "Would $10k or $15k be better for my wedding? I earn 60,000 a year.",
      { amountsCompared: [10_000, 15_000], income: 60_000, purpose: "wedding" },
    ],
    [
      "My cards are 92.5% utilized and I have fair credit",
      { utilization: 92.5, creditBand: "fair", purpose: "credit_card" },
    ],
    [
      "I own my home with a mortgage and want a car loan of 8000",
      { amount: 8_000, housing: "mortgage", purpose: "car" },
    ],
    ["Portland, ME 04101: can I borrow 5000?", { amount: 5_000 }],
    ["I'm a 62-year-old widow, will that hurt my chances?", {}],
  ])("%s", (question, facets) => {
    expect(understandQuestion(question).facets).toEqual(facets);
  });
});

describe("understandQuestion: the kind of question, and the facts its answer lacks", () => {
  it.each([
    ["36 or 60 months?", "compare", ["income"]],
    ["Which term is better for me?", "compare", ["income", "termsCompared"]],
    ["Is now a good time to borrow?", "should_i", ["income", "amount", "termMonths"]],
    ["Should I borrow $12,000 over 60 months on $50k a year?", "should_i", []],
    ["How much can I borrow? I make $48,000.", "how_much", []],
    ["How much can I borrow?", "how_much", ["income"]],
    ["I'm a 62-year-old widow, will that hurt my chances?", "will_it_hurt", []],
    ["Will my utilization hurt my chances?", "will_it_hurt", []],
    ["What do lenders look at?", "general", []],
  ])("%s → %s", (question, kind, missing) => {
    const understood = understandQuestion(question);
    expect(understood.kind).toBe(kind);
    expect(understood.missing).toEqual(missing);
  });

  it("names the protected characteristics and places a question mentions", () => {
    expect(understandQuestion("I'm a 62-year-old widow, will that hurt my chances?")).toMatchObject({
      protected: ["marital_status", "age"],
      mentionsLocation: false,
    });
    expect(understandQuestion("As a Black single mother in Atlanta, can I borrow $5k?")).toMatchObject({
      protected: ["race", "marital_status", "familial_status"],
      mentionsLocation: true,
    });
    expect(understandQuestion("Is a $10,000 loan OK?")).toMatchObject({ protected: [], mentionsLocation: false });
  });
});
