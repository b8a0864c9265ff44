import type { QuestionFacets, UnderstoodQuestion } from "../../question";
import { capitalize, list } from "./words";

/** Asking for the facts advice needs, in the borrower's words rather than column names. */

export const FACT_WORDS: Record<keyof QuestionFacets, string> = {
  amount: "how much you want to borrow",
  amountsCompared: "the amounts you are weighing",
  // No figures in a request: "36 or 60" beside "how much you want to borrow" reads as the
  // borrower's own numbers, and a request states nothing about them.
  termMonths: "the term in months",
  termsCompared: "the terms you are weighing",
  income: "your annual income",
  purpose: "what the loan is for",
  housing: "whether you rent, own or pay a mortgage",
  utilization: "how much of your card limits you use (revolving utilization)",
  creditScore: "your credit score",
  creditBand: "your credit score",
  dti: "your monthly debt payments as a share of income (debt-to-income)",
  employmentYears: "how long you have been in your job",
};

/** What grounded advice on a loan rests on, most telling first. */
const CORE: (keyof QuestionFacets)[] = ["amount", "income", "termMonths", "utilization"];

const stated = (facets: QuestionFacets, key: keyof QuestionFacets) =>
  facets[key] !== undefined ||
  (key === "amount" && facets.amountsCompared !== undefined) ||
  (key === "termMonths" && facets.termsCompared !== undefined);

/**
 * The two or three facts to ask for: what the question lacks for its kind (`missing`), else the
 * core loan facts it does not state.
 */
export function factsToAsk(question: UnderstoodQuestion, max = 3): (keyof QuestionFacets)[] {
  const wanted = question.missing.length ? question.missing : CORE;
  const keys = wanted.filter((key) => !stated(question.facets, key));
  return [...new Set(keys.map((key) => (key === "creditBand" ? "creditScore" : key)))].slice(0, max);
}

/** "Tell me your annual income and the term in months, and I can compare them with similar loans." */
export function askSentence(keys: (keyof QuestionFacets)[], purpose: string): string | null {
  if (keys.length === 0) return null;
  return `${capitalize(`tell me ${list(keys.map((key) => FACT_WORDS[key]))}`)}, and ${purpose}.`;
}
