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
    // Terms compared with other words between them.
    [
      "$8,000 over 3 years or $8,000 over 5 years? Income $45k.",
      { amount: 8_000, termsCompared: [36, 60], income: 45_000 },
    ],
    ["$10k over 2 years or over 4 years?", { amount: 10_000, termsCompared: [24, 48] }],
    ["is 60 months better than 36 if my credit is poor", { termsCompared: [36, 60], creditBand: "poor" }],
    ["Is a 5 year term more expensive overall than a 3 year one?", { termsCompared: [36, 60] }],
    // A price is not the amount borrowed; a payment is not an income; a verdict is not a move.
    ["How much should I borrow for a $15,000 car if I make 45k?", { income: 45_000, purpose: "car" }],
    ["For a 20k car loan, is 48 or 60 months better?", { amount: 20_000, termsCompared: [48, 60], purpose: "car" }],
    [
      "Should I take a $4,000 loan for a new AC unit? I can pay about $200 a month.",
      { amount: 4_000, purpose: "home_improvement" },
    ],
    [
      "I'm self employed 4 years, about $90k a year. Is $40,000 over 5 years for equipment a bad move?",
      { employmentYears: 4, income: 90_000, amount: 40_000, termMonths: 60, purpose: "small_business" },
    ],
    [
      "I just started a new job 3 months ago. Should I apply for a $7,000 loan now?",
      { employmentYears: 0.25, amount: 7_000 },
    ],
    [
      "36 OR 60 months for $14,000? I make $58,000, credit fair.",
      { termsCompared: [36, 60], amount: 14_000, income: 58_000, creditBand: "fair" },
    ],
    ["What's a good debt-to-income ratio?", {}],
    ["I'm IN a tough spot with medical debt, what are my options?", { purpose: "medical" }],
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
    // A verdict asked in other words than "should I".
    ["I earn $52,000 and rent. Is borrowing $8,000 over 36 months OK?", "should_i", []],
    ["Would a $9,000 loan over 4 years be a mistake on $50k a year?", "should_i", []],
    ["Shoud I get a loan with bad credit? score is 560", "should_i", ["income", "amount", "termMonths"]],
    ["Should my wife and I borrow $20k for IVF treatment? We earn $120,000.", "should_i", ["termMonths"]],
    // "Can I afford $X?" asks about the amount it names.
    ["Can I afford a $15k loan on 48,000 a year?", "should_i", ["termMonths"]],
    ["What's a safe amount to borrow on a $3,800 monthly income?", "how_much", []],
    ["What's the biggest loan that makes sense if I earn $120k?", "how_much", []],
    ["Shorter or longer term for a $9,000 loan?", "compare", ["income", "termsCompared"]],
    // A protected characteristic asked about without the word "hurt".
    ["Does my religion matter? I'm Muslim and need $8k", "will_it_hurt", []],
    ["Do you use my race or gender when you give advice?", "will_it_hurt", []],
    ["I'm 19, does my age mean I can't get a loan?", "will_it_hurt", []],
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
    // "Benefits" alone is a loan's upside, not public assistance.
    expect(understandQuestion("What are the benefits of a 36-month loan?").protected).toEqual([]);
    expect(understandQuestion("I'm on disability benefits. Can I borrow $3,000?").protected).toEqual([
      "disability",
      "public_assistance",
    ]);
  });
});
