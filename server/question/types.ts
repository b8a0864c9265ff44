/**
 * What APFA understands of a borrower's question: the facts it states (facets), what kind of
 * question it is, and which protected characteristics or places it mentions. Only stated facts
 * appear here; nothing is inferred or defaulted.
 */

import type { ProtectedCategory } from "../embedding";

// Defined with the neutral-text lexicon that recognises them; part of what a question is understood as.
export type { ProtectedCategory };

export type QuestionKind =
  /** Weighs two or more options the borrower names: "36 or 60 months?", "$10k or $15k?". */
  | "compare"
  /** Asks for an amount: "how much can I borrow?". */
  | "how_much"
  /** Asks for a verdict on a plan: "should I borrow $12,000?", "is now a good time to borrow?". */
  | "should_i"
  /** Asks whether a characteristic hurts their chances: "will my age hurt my chances?". */
  | "will_it_hurt"
  /** Anything else: "how do loans work?", "what affects approval?". */
  | "general";

export type Housing = "rent" | "own" | "mortgage";

/** FICO bands: poor < 580 ≤ fair < 670 ≤ good < 740 ≤ very good < 800 ≤ exceptional. */
export type CreditBand = "poor" | "fair" | "good" | "very_good" | "exceptional";

export type LoanPurpose =
  | "debt_consolidation"
  | "credit_card"
  | "home_improvement"
  | "car"
  | "medical"
  | "small_business"
  | "education"
  | "wedding"
  | "moving"
  | "vacation"
  | "major_purchase"
  | "other";

export interface QuestionFacets {
  /** Loan amount in dollars (one amount asked about). */
  amount?: number;
  /** Amounts being compared, ascending ("$10k or $15k"). */
  amountsCompared?: number[];
  /** One term in months. */
  termMonths?: number;
  /** Terms being compared, in months, ascending ("36 or 60 months"). */
  termsCompared?: number[];
  /** Yearly income in dollars (a monthly figure is multiplied by 12). */
  income?: number;
  purpose?: LoanPurpose;
  housing?: Housing;
  /** Revolving (credit card) utilization, percent. */
  utilization?: number;
  /** A stated credit score (300–850), and its band; a band alone when only words are given ("fair credit"). */
  creditScore?: number;
  creditBand?: CreditBand;
  /** Debt-to-income ratio, percent. */
  dti?: number;
  /** Years at the current job (10 for "10+ years", 0.5 for "6 months"). */
  employmentYears?: number;
}

export interface UnderstoodQuestion {
  facets: QuestionFacets;
  kind: QuestionKind;
  /** Protected characteristics the borrower mentions (about themselves or in general). */
  protected: ProtectedCategory[];
  /** Whether a state, city or ZIP code is mentioned (never used; advice may say so). */
  mentionsLocation: boolean;
  /** The facts advice on this kind of question needs and the question does not state, most important first. */
  missing: (keyof QuestionFacets)[];
}
