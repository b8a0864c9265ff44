import { randomInt } from "node:crypto";
import { loanRowSchema, toLoanProfile } from "@/server/ingest";
import type { RetrievedProfile } from "@/server/rag";

/**
 * LendingClub-shaped rows for ingest tests. Integration files share one database and ingest
 * deduplicates by content, so each row gets a random income and revolving balance in realistic
 * ranges (~7 billion combinations): two files (or two runs of a file) practically never produce
 * the same loan, and the texts still read like real profiles to the embedders.
 */

export const LOAN_COLUMNS = [
  "loan_amnt",
  "term",
  "emp_length",
  "home_ownership",
  "annual_inc",
  "verification_status",
  "zip_code",
  "addr_state",
  "delinq_2yrs",
  "inq_last_6mths",
  "open_acc",
  "pub_rec",
  "revol_bal",
  "revol_util",
  "total_acc",
  "loan_status",
] as const;

export type LoanRecord = Record<(typeof LOAN_COLUMNS)[number], string>;

export function uniqueLoan(overrides: Partial<LoanRecord> = {}): LoanRecord {
  return sampleLoan({
    annual_inc: String(randomInt(30_000, 150_000)),
    revol_bal: String(randomInt(1_000, 60_000)),
    ...overrides,
  });
}

/** One CSV line (no quoting needed: generated values contain no commas). */
export const csvLine = (loan: LoanRecord) => LOAN_COLUMNS.map((column) => loan[column]).join(",");

export const csvHeader = LOAN_COLUMNS.join(",");

/** The first row of the shipped corpus, as csv-parse yields it (every value a string), for exact-text tests. */
export function sampleLoan(overrides: Partial<LoanRecord> = {}): LoanRecord {
  return {
    loan_amnt: "5000",
    term: "36 months",
    emp_length: "10+ years",
    home_ownership: "RENT",
    annual_inc: "24000",
    verification_status: "Verified",
    zip_code: "860xx",
    addr_state: "AZ",
    delinq_2yrs: "0",
    inq_last_6mths: "1",
    open_acc: "3",
    pub_rec: "0",
    revol_bal: "13648",
    revol_util: "83.70%",
    total_acc: "9",
    loan_status: "Fully Paid",
    ...overrides,
  };
}

/**
 * A retrieved profile as the advisors receive it: the shipped first row with `overrides`, made by
 * the product's own toLoanProfile (text, fields, loan-to-income), with an id and a similarity.
 */
export function retrievedLoan(id: number, overrides: Partial<LoanRecord>, score: number): RetrievedProfile {
  return { ...toLoanProfile(loanRowSchema.parse(sampleLoan(overrides))), id, score };
}
