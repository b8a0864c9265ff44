/**
 * The loan-profile fields a statement can rely on: what kind of value each holds (so a stated
 * "$52,000" is compared with money fields only) and how each is said in plain words. The shipped
 * LendingClub ingest keeps the columns of server/ingest/loan-row.ts; `purpose`, `int_rate` and
 * `dti` are LendingClub columns other corpora carry, and are attributed when a profile has them.
 *
 * `addr_state` and `zip_code` are not here on purpose: location stands in for protected
 * characteristics, the advisors never see it, and it is never a reason.
 */

export type FieldKind = "money" | "percent" | "term" | "count" | "category" | "years";

export interface FieldSpec {
  kind: FieldKind;
  /** The field and its value in plain words: "annual income $52,000", "renter". */
  words: (value: string | number) => string;
}

const dollars = (value: number) => `$${Math.round(value).toLocaleString("en-US")}`;
const percent = (value: number) => `${Math.round(value * 10) / 10}%`;
const asNumber = (value: string | number) => (typeof value === "number" ? value : Number(value));
const counted = (one: string, many: string, tail: string) => (value: string | number) =>
  `${value} ${asNumber(value) === 1 ? one : many}${tail}`;

const HOUSING: Record<string, string> = {
  RENT: "renter",
  OWN: "homeowner",
  MORTGAGE: "homeowner with a mortgage",
  OTHER: "other housing",
  NONE: "no housing reported",
};

const VERIFICATION: Record<string, string> = {
  Verified: "income verified",
  "Source Verified": "income source verified",
  "Not Verified": "income not verified",
};

export const FIELDS: Record<string, FieldSpec> = {
  loan_amnt: { kind: "money", words: (v) => `loan amount ${dollars(asNumber(v))}` },
  annual_inc: { kind: "money", words: (v) => `annual income ${dollars(asNumber(v))}` },
  revol_bal: { kind: "money", words: (v) => `revolving balance ${dollars(asNumber(v))}` },
  revol_util: { kind: "percent", words: (v) => `revolving utilization ${percent(asNumber(v))}` },
  loan_to_income_pct: { kind: "percent", words: (v) => `loan ${percent(asNumber(v))} of income` },
  int_rate: { kind: "percent", words: (v) => `interest rate ${percent(asNumber(String(v).replace("%", "")))}` },
  dti: { kind: "percent", words: (v) => `debt-to-income ${percent(asNumber(v))}` },
  term: { kind: "term", words: (v) => `term ${String(v).trim()}` },
  emp_length: { kind: "years", words: (v) => `${String(v)} at the job` },
  home_ownership: { kind: "category", words: (v) => HOUSING[String(v)] ?? `housing ${String(v).toLowerCase()}` },
  verification_status: { kind: "category", words: (v) => VERIFICATION[String(v)] ?? `income ${String(v)}` },
  purpose: { kind: "category", words: (v) => `loan for ${String(v).replaceAll("_", " ")}` },
  delinq_2yrs: { kind: "count", words: counted("delinquency", "delinquencies", " in 2 years") },
  inq_last_6mths: { kind: "count", words: counted("credit inquiry", "credit inquiries", " in 6 months") },
  pub_rec: { kind: "count", words: counted("public record", "public records", "") },
  open_acc: { kind: "count", words: counted("open credit line", "open credit lines", "") },
  total_acc: { kind: "count", words: counted("credit line", "credit lines", " in all") },
  outcome: {
    kind: "category",
    words: (v) => (v === "fully_paid" ? "repaid" : v === "charged_off" ? "charged off" : String(v)),
  },
};

/** Plain words for any field, known or not ("credit lines in all 9" would be worse than "total acc 9"). */
export function fieldWords(field: string, value: string | number): string {
  return FIELDS[field]?.words(value) ?? `${field.replaceAll("_", " ")} ${value}`;
}

/** The fields of one kind a profile is compared on. */
export const fieldsOfKind = (kind: FieldKind) =>
  Object.entries(FIELDS)
    .filter(([, spec]) => spec.kind === kind)
    .map(([field]) => field);
