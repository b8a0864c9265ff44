import type { RetrievedProfile } from "../../rag";

/**
 * The retrieved loans as numbers v2 can compare. Only financial columns are read: addr_state and
 * zip_code are never touched here, so nothing downstream can condition on where a borrower lives.
 */

export interface LoanFacts {
  id: number;
  score: number;
  repaid: boolean;
  amount: number | null;
  termMonths: number | null;
  income: number | null;
  /** Loan amount as a percentage of annual income. */
  loanToIncome: number | null;
  utilization: number | null;
  /** Delinquencies in 2 years or public records. */
  pastProblems: boolean;
  /** The profile's stored fields and outcome, which citations name (./cite.ts). */
  fields: RetrievedProfile["fields"];
  outcome: RetrievedProfile["outcome"];
}

function number(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const parsed = typeof value === "number" ? value : Number(String(value).replace(/[%,$\s]/g, ""));
  return Number.isFinite(parsed) ? parsed : null;
}

export function loanFacts(profile: RetrievedProfile): LoanFacts {
  const f = profile.fields;
  const amount = number(f.loan_amnt);
  const income = number(f.annual_inc);
  const term = /^(\d+)/.exec(String(f.term ?? ""));
  const stored = number(f.loan_to_income_pct);
  return {
    id: profile.id,
    score: profile.score,
    repaid: profile.outcome === "fully_paid",
    amount,
    termMonths: term ? Number(term[1]) : null,
    income,
    loanToIncome: stored ?? (amount !== null && income ? (amount / income) * 100 : null),
    utilization: number(f.revol_util),
    pastProblems: (number(f.delinq_2yrs) ?? 0) + (number(f.pub_rec) ?? 0) > 0,
    fields: f,
    outcome: profile.outcome,
  };
}

export function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The facts a range is taken over. */
export type RangeFact = "amount" | "income" | "loanToIncome" | "utilization";

export interface Spread {
  low: number;
  median: number;
  high: number;
  /** How many loans the figures rest on (those with the value present). */
  count: number;
  fact: RangeFact;
  /** The loans whose value is the low, the high, and the median (one loan, or the two it lies between). */
  atLow: LoanFacts[];
  atHigh: LoanFacts[];
  atMedian: LoanFacts[];
}

/** Low, median and high of one fact over some loans, or null when none of them has it. */
export function spread(group: LoanFacts[], fact: RangeFact): Spread | null {
  const having = group.filter((loan) => loan[fact] !== null);
  if (having.length === 0) return null;
  const values = having.map((loan) => loan[fact]!).sort((a, b) => a - b);
  const mid = Math.floor(values.length / 2);
  const middle = values.length % 2 === 1 ? [values[mid]!] : [values[mid - 1]!, values[mid]!];
  const low = values[0]!;
  const high = values.at(-1)!;
  return {
    low,
    median: median(values)!,
    high,
    count: values.length,
    fact,
    atLow: having.filter((loan) => loan[fact] === low),
    atHigh: having.filter((loan) => loan[fact] === high),
    atMedian: having.filter((loan) => middle.includes(loan[fact]!)),
  };
}

export const repaidCount = (group: LoanFacts[]) => group.filter((loan) => loan.repaid).length;

/**
 * Where a stated value sits against the repaid loans' range: above all, below all, or within.
 * Compared as displayed (one decimal), so "8.6% … 5.2%–8.6%" is never called above the range.
 */
export function placement(value: number, range: { low: number; high: number }): "above" | "below" | "within" {
  const shown = (v: number) => Math.round(v * 10) / 10;
  return shown(value) > shown(range.high) ? "above" : shown(value) < shown(range.low) ? "below" : "within";
}
