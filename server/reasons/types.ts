/**
 * The reasons trail of one answer: its statements (sentences) and, for each, the loan profiles and
 * fields it relied on. Stored with the request (advice_requests.reasons_trail) and shown to the
 * borrower ("Why this advice") and to reviewers.
 */

/** One field of one retrieved loan profile that a statement relied on, with the value it had. */
export interface Citation {
  /** The profile's id, as the request's `sources` name it. */
  profileId: number;
  /** A field of the profile (`annual_inc`, `revol_util`, …) or `outcome` (fully_paid / charged_off). */
  field: string;
  /** The value the profile holds (as stored: `83.7`, `"36 months"`, `"fully_paid"`). */
  value: string | number;
}

export interface CitedStatement {
  statement: string;
  /** Empty when the statement states nothing taken from a retrieved loan. */
  citations: Citation[];
}

/**
 * `generation`: the advisor reported what it wrote each sentence from (the grounded advisor).
 * `matching`: free text (an LLM) attributed by matching the values each statement states against
 * the retrieved profiles' fields.
 */
export type ReasonsMethod = "generation" | "matching";

export interface ReasonsTrail {
  method: ReasonsMethod;
  statements: CitedStatement[];
}

/** What attribution reads of a retrieved profile (server/rag's RetrievedProfile has this shape). */
export interface CitableProfile {
  id: number;
  fields: Record<string, string | number | null>;
  outcome: string;
}

/** A trail as the chat and the console show it: with whether the advice was adverse. */
export interface AdviceReasons {
  trail: ReasonsTrail;
  /** The answer's recommendation is reconsider or decline: its reasons are the specific reasons. */
  adverse: boolean;
}
