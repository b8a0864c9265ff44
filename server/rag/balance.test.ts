import { describe, expect, it } from "vitest";
import { balancedByOption } from "./balance";
import type { RetrievedProfile } from "./retrieved";

const loan = (id: number, term: string, amount: number): RetrievedProfile => ({
  id,
  score: 1 - id / 100,
  text: "",
  fields: { term, loan_amnt: amount },
  outcome: "fully_paid",
});
// Best first: four 60-month loans, then two 36-month ones.
const ranked = [
  loan(1, "60 months", 9_000),
  loan(2, "60 months", 15_000),
  loan(3, "60 months", 10_000),
  loan(4, "60 months", 14_000),
  loan(5, "36 months", 10_500),
  loan(6, "36 months", 15_500),
];
const ids = (profiles: RetrievedProfile[]) => profiles.map((profile) => profile.id);

describe("balancedByOption", () => {
  it("keeps the best k as they are when nothing is compared", () => {
    expect(ids(balancedByOption(ranked, { termMonths: 60 }, 5))).toEqual([1, 2, 3, 4, 5]);
  });

  it("takes the best loans of each compared term in turn", () => {
    expect(ids(balancedByOption(ranked, { termsCompared: [36, 60] }, 5))).toEqual([1, 5, 2, 6, 3]);
  });

  it("fills up from the rest when an option has too few loans", () => {
    expect(ids(balancedByOption(ranked.slice(0, 5), { termsCompared: [36, 60] }, 5))).toEqual([1, 5, 2, 3, 4]);
  });

  it("groups loans by the compared amount nearest their own", () => {
    expect(ids(balancedByOption(ranked, { amountsCompared: [10_000, 15_000] }, 4))).toEqual([1, 2, 3, 4]);
    expect(ids(balancedByOption(ranked, { amountsCompared: [10_000, 15_000] }, 3))).toEqual([1, 2, 3]);
  });
});
