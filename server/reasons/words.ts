import type { Recommendation } from "../fairness";
import { fieldWords } from "./fields";
import type { CitedStatement } from "./types";

/** How the chat and the console say a trail, so borrowers and reviewers read the same words. */

export interface LoanReasons {
  profileId: number;
  /** "Past loan #1042: annual income $52,000; revolving utilization 45%; repaid" */
  words: string;
}

/** A statement's citations, one line per loan in the order first cited. */
export function loanReasons(statement: CitedStatement): LoanReasons[] {
  const byLoan = new Map<number, string[]>();
  for (const { profileId, field, value } of statement.citations) {
    byLoan.set(profileId, [...(byLoan.get(profileId) ?? []), fieldWords(field, value)]);
  }
  return [...byLoan].map(([profileId, fields]) => ({
    profileId,
    words: `Past loan #${profileId}: ${fields.join("; ")}`,
  }));
}

/** Advice against the plan, or for it only after a change: what Regulation B would call adverse. */
export function isAdverse(recommendation: Recommendation | null | undefined): boolean {
  return recommendation === "reconsider" || recommendation === "decline";
}

/**
 * Said above the reasons of adverse advice. Regulation B (12 CFR 1002.9(a)(2), (b)(2)) makes a
 * creditor who takes adverse action give the specific reasons for it; APFA takes no credit
 * decision, so it says so, and gives its own reasons in the same spirit.
 */
export const ADVERSE_REASONS_NOTICE =
  "This advice is against your plan as it stands, or asks you to change it first. Regulation B (12 CFR 1002.9) requires a lender that turns down an application to give the specific reasons. APFA is not a lender and this is not a credit decision, but in the same spirit these are the specific reasons for this advice: each statement and the facts of the past loans it relied on.";

/** Said for a statement that relied on no past loan's facts. */
export const NO_LOAN_FACTS = "Does not rest on a specific past loan's facts.";
