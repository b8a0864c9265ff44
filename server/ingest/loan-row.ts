import { z } from "zod";
import type { LoanOutcome } from "./tables";

/** One LendingClub row (the shipped 2007–2011 columns), validated and normalised. */

/**
 * A CSV cell in plain decimal notation as its number; anything else is left for z.number() to
 * refuse. Not z.coerce: Number() reads "" and " " as 0 and "0x10" as 16, which a loan file never means.
 */
const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;
const asDecimal = (value: unknown) => (typeof value === "string" && DECIMAL.test(value) ? Number(value) : value);
const number = (name: string) => z.number({ message: `${name} must be a number` });
const count = (name: string) =>
  z.preprocess(asDecimal, number(name).int(`${name} must be a whole number`).min(0, `${name} must be ≥ 0`));
const money = (name: string) => z.preprocess(asDecimal, number(name).min(0, `${name} must be ≥ 0`));
const required = (name: string) =>
  z
    .string({ message: `${name} is missing` })
    .trim()
    .min(1, `${name} is empty`)
    .max(200, `${name} is longer than 200 characters`)
    // PostgreSQL text cannot hold NUL; refused here it is one malformed row, not a failed batch.
    .refine((value) => !value.includes("\u0000"), `${name} contains a NUL character`);

export const loanRowSchema = z.object({
  loan_amnt: z.preprocess(asDecimal, number("loan_amnt").positive("loan_amnt must be > 0")),
  term: required("term").regex(/^(36|60) months$/, "term must be '36 months' or '60 months'"),
  emp_length: required("emp_length"),
  home_ownership: z.enum(["RENT", "OWN", "MORTGAGE", "OTHER", "NONE"], {
    message: "home_ownership must be RENT, OWN, MORTGAGE, OTHER or NONE",
  }),
  annual_inc: money("annual_inc"),
  verification_status: z.enum(["Verified", "Source Verified", "Not Verified"], {
    message: "verification_status must be Verified, Source Verified or Not Verified",
  }),
  zip_code: required("zip_code").regex(/^\d{3}xx$/, "zip_code must look like 860xx"),
  addr_state: required("addr_state").regex(/^[A-Z]{2}$/, "addr_state must be a two-letter state code"),
  delinq_2yrs: count("delinq_2yrs"),
  inq_last_6mths: count("inq_last_6mths"),
  open_acc: count("open_acc"),
  pub_rec: count("pub_rec"),
  revol_bal: money("revol_bal"),
  revol_util: z
    .union([z.number(), z.string()])
    .transform((value, ctx) => {
      const text = String(value).trim().replace(/%$/, "");
      if (text === "") return null;
      const parsed = Number(text);
      if (!Number.isFinite(parsed) || parsed < 0) {
        ctx.addIssue({ code: "custom", message: "revol_util must be a percentage like 83.7%" });
        return z.NEVER;
      }
      return parsed;
    })
    .nullable()
    .default(null),
  total_acc: count("total_acc"),
  loan_status: z.enum(["Fully Paid", "Charged Off"], { message: "loan_status must be 'Fully Paid' or 'Charged Off'" }),
});

export type LoanRow = z.infer<typeof loanRowSchema>;

export interface LoanProfile {
  text: string;
  fields: Record<string, string | number | null>;
  outcome: LoanOutcome;
}

const dollars = (value: number) => `$${Math.round(value).toLocaleString("en-US")}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const housing: Record<LoanRow["home_ownership"], string> = {
  RENT: "renter",
  OWN: "homeowner",
  MORTGAGE: "homeowner with a mortgage",
  OTHER: "borrower with other housing",
  NONE: "borrower with no housing reported",
};

/** Words for numbers, so a question phrased in words ("high utilization", "low income") matches. */
function band(value: number, [low, high]: [number, number], words: [string, string, string]): string {
  return value < low ? words[0] : value < high ? words[1] : words[2];
}

/** Readable text for retrieval and for the advisor, plus the structured fields it came from. */
export function toLoanProfile(row: LoanRow): LoanProfile {
  const outcome: LoanOutcome = row.loan_status === "Fully Paid" ? "fully_paid" : "charged_off";
  const loanToIncome = row.annual_inc > 0 ? Math.round((row.loan_amnt / row.annual_inc) * 1000) / 10 : null;
  const employment = row.emp_length === "n/a" ? "employment length not reported" : `${row.emp_length} employed`;
  const utilization =
    row.revol_util === null
      ? "revolving utilization not reported"
      : `${band(row.revol_util, [30, 70], ["low", "moderate", "high"])} revolving utilization (${row.revol_util}%)`;
  const income = band(row.annual_inc, [40_000, 100_000], ["low", "middle", "high"]);
  const history = row.delinq_2yrs === 0 && row.pub_rec === 0 ? "clean payment history" : "past payment problems";
  const text = [
    `${dollars(row.loan_amnt)} loan over ${row.term} for a ${housing[row.home_ownership]} in ${row.addr_state} (${row.zip_code}),`,
    `${employment}, ${income} income of ${dollars(row.annual_inc)} a year (${row.verification_status.toLowerCase()}).`,
    `Loan is ${loanToIncome ?? "n/a"}% of income.`,
    `Revolving balance ${dollars(row.revol_bal)} with ${utilization};`,
    `${row.open_acc} open of ${plural(row.total_acc, "credit line")};`,
    `${history}: ${plural(row.delinq_2yrs, "delinquency", "delinquencies")} in 2 years, ${plural(row.inq_last_6mths, "inquiry", "inquiries")} in 6 months, ${plural(row.pub_rec, "public record")}.`,
    `Outcome: ${outcome === "fully_paid" ? "fully paid" : "charged off"}.`,
  ].join(" ");
  const { loan_status: _status, ...fields } = row;
  return { text, fields: { ...fields, loan_to_income_pct: loanToIncome }, outcome };
}
