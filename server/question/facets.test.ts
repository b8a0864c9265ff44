import { describe, expect, it } from "vitest";
import { parseQuestion } from "./facets";

describe("parseQuestion", () => {
  it.each([
    [
      "Should I take a $12,000 loan over 60 months? My utilization is 85% and income 50k.",
      { amount: 12_000, termMonths: 60, utilization: 85, income: 50_000 },
    ],
    [
      "I earn $42,000 a year and want to borrow $8,000 over 36 months.",
      { income: 42_000, amount: 8_000, termMonths: 36 },
    ],
    ["Is a $25k loan too much on an income of $65,000?", { amount: 25_000, income: 65_000 }],
    ["I make $4,500 a month; can I borrow 10k for 5 year term?", { income: 54_000, amount: 10_000, termMonths: 60 }],
    ["My cards are 92.5% utilized, $75,000/year salary", { utilization: 92.5, income: 75_000 }],
    ["Can I get approved?", {}],
  ])("%s", (question, facts) => {
    expect(parseQuestion(question)).toEqual(facts);
  });
});

describe("parseQuestion misreadings", () => {
  it("does not read a term after the word income as the income", () => {
    const facts = parseQuestion("Homeowner with a mortgage and high income asking about a 36 month loan");
    expect(facts.income).toBeUndefined();
    expect(facts.termMonths).toBe(36);
  });
});
