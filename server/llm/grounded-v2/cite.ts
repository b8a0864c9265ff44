import type { Citation } from "../../reasons";
import type { LoanFacts, Spread } from "./loans";

/**
 * What each sentence of grounded-v2 was written from: the loans and the fields whose values it
 * states. A sentence cites a loan only where removing that loan (or blanking the field) changes
 * the sentence: the loans counted in a count it gives, the loans at either end of a range it
 * gives (and at its median, when it gives one), the one loan it describes. A sentence about what
 * the loans lack ("None of these loans ran 60 months") or comparing the borrower with a range it
 * does not state ("…within the repaid loans' range") cites nothing: no single loan makes it true.
 * The similarity scores are retrieval's, not a loan's fields, and are not cited.
 */

export interface Sentence {
  text: string;
  citations: Citation[];
}

export type CitedFact = "amount" | "income" | "loanToIncome" | "utilization" | "termMonths" | "outcome";

const FIELD: Record<Exclude<CitedFact, "outcome" | "loanToIncome">, string> = {
  amount: "loan_amnt",
  income: "annual_inc",
  utilization: "revol_util",
  termMonths: "term",
};

function fieldCitation(loan: LoanFacts, field: string): Citation[] {
  const value = loan.fields[field];
  return value === null || value === undefined || value === "" ? [] : [{ profileId: loan.id, field, value }];
}

/** The stored fields a loan's fact was read from (loan-to-income is computed when not stored). */
export function factCitations(loan: LoanFacts, fact: CitedFact): Citation[] {
  if (fact === "outcome") return [{ profileId: loan.id, field: "outcome", value: loan.outcome }];
  if (fact === "loanToIncome") {
    const stored = fieldCitation(loan, "loan_to_income_pct");
    return stored.length ? stored : [...fieldCitation(loan, "loan_amnt"), ...fieldCitation(loan, "annual_inc")];
  }
  return fieldCitation(loan, FIELD[fact]);
}

/** These facts of each of these loans. */
export const cite = (loans: LoanFacts[], ...facts: CitedFact[]): Citation[] =>
  loans.flatMap((loan) => facts.flatMap((fact) => factCitations(loan, fact)));

/**
 * The loans a stated range was taken from, with their outcome when the range is of one outcome's
 * loans ("the repaid ones borrowed 8–20%"); with the median's loans when the median is stated.
 */
export function citeRange(range: Spread, options: { median?: boolean; outcome?: boolean } = {}): Citation[] {
  const loans = [...range.atLow, ...range.atHigh, ...(options.median ? range.atMedian : [])];
  return cite(loans, range.fact, ...(options.outcome ? (["outcome"] as const) : []));
}

/** A sentence and what it was written from, each citation once. */
export function sentence(text: string, ...citations: Citation[][]): Sentence {
  const seen = new Set<string>();
  const unique = citations.flat().filter((c) => {
    const key = `${c.profileId}:${c.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { text, citations: unique };
}

/** A sentence that states nothing taken from a loan (a request, a rule, the borrower's own facts). */
export const uncited = (text: string): Sentence => ({ text, citations: [] });
