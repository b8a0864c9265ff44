import type { LoanPurpose, QuestionFacets } from "../../question";
import { dollars, list, pct } from "./words";

/**
 * The borrower's facts in words, taken only from what the question states: nothing here is
 * inferred, defaulted or borrowed from the similar loans.
 */

const PURPOSE: Record<LoanPurpose, string | null> = {
  debt_consolidation: "debt consolidation",
  credit_card: "paying off credit cards",
  home_improvement: "home improvement",
  car: "a car",
  medical: "medical costs",
  small_business: "a small business",
  education: "education",
  wedding: "a wedding",
  moving: "moving",
  vacation: "a vacation",
  major_purchase: "a major purchase",
  other: null,
};

const HOUSING = { rent: "renting", own: "owning your home", mortgage: "paying a mortgage" } as const;
const BAND = { poor: "poor", fair: "fair", good: "good", very_good: "very good", exceptional: "exceptional" } as const;

function years(value: number): string {
  if (value < 1) return `${Math.round(value * 12)} months`;
  return value === 1 ? "1 year" : `${value} years`;
}

export function statedPhrases(f: QuestionFacets): string[] {
  const out: (string | null)[] = [
    f.amountsCompared?.length
      ? `borrowing ${list(f.amountsCompared.map(dollars), "or")}`
      : f.amount !== undefined
        ? `borrowing ${dollars(f.amount)}`
        : null,
    f.termsCompared?.length
      ? `a term of ${list(f.termsCompared.map(String), "or")} months`
      : f.termMonths !== undefined
        ? `a ${f.termMonths}-month term`
        : null,
    f.purpose && PURPOSE[f.purpose] ? `for ${PURPOSE[f.purpose]}` : null,
    f.income !== undefined ? `an income of ${dollars(f.income)} a year` : null,
    f.housing ? HOUSING[f.housing] : null,
    f.utilization !== undefined ? `${pct(f.utilization)} revolving utilization` : null,
    f.creditScore !== undefined
      ? `a credit score of ${f.creditScore}`
      : f.creditBand
        ? `${BAND[f.creditBand]} credit`
        : null,
    f.dti !== undefined ? `a debt-to-income ratio of ${pct(f.dti)}` : null,
    f.employmentYears !== undefined ? `${years(f.employmentYears)} in your job` : null,
  ];
  return out.filter((phrase): phrase is string => phrase !== null);
}

/** "You state: borrowing $15,000, a 36-month term and an income of $48,000 a year.", or null. */
export function statedSentence(f: QuestionFacets): string | null {
  const phrases = statedPhrases(f);
  return phrases.length ? `You state ${list(phrases)}.` : null;
}

/** The stated amount as a percentage of the stated income: arithmetic on their own two numbers. */
export function statedLoanToIncome(f: QuestionFacets, amount = f.amount): number | null {
  return amount !== undefined && f.income ? (amount / f.income) * 100 : null;
}
