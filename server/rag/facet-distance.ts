import type { QuestionFacets } from "../question";
import type { RetrievedProfile } from "./retrieved";

/**
 * How far a loan is from what the borrower stated, 0 (the same) to 1 (far apart), averaged over
 * the facets the question states and the loan records. Only stated facts count: a question that
 * states nothing leaves the vector ranking as it is. Location and protected fields are never read.
 */

const number = (value: unknown): number | null => {
  if (value === null || value === undefined || value === "") return null;
  const parsed = typeof value === "number" ? value : Number(String(value).replace(/[%,$+<\s]|years?|year/g, ""));
  return Number.isFinite(parsed) ? parsed : null;
};

/** Money differs by ratio: $48k vs $96k is as far as $24k vs $48k. One doubling is the whole distance. */
function ratioDistance(stated: number, loan: number | null): number | null {
  if (loan === null || loan <= 0 || stated <= 0) return null;
  return Math.min(1, Math.abs(Math.log2(loan / stated)));
}

const HOUSING: Record<string, QuestionFacets["housing"]> = { RENT: "rent", OWN: "own", MORTGAGE: "mortgage" };

/** LendingClub's emp_length: "< 1 year", "1 year" … "10+ years", "n/a". */
function employmentYears(value: unknown): number | null {
  const text = String(value ?? "");
  if (text.startsWith("<")) return 0.5;
  return number(text);
}

export function facetDistance(facets: QuestionFacets, profile: Pick<RetrievedProfile, "fields">): number {
  const f = profile.fields;
  const parts: number[] = [];
  const add = (distance: number | null) => {
    if (distance !== null) parts.push(distance);
  };
  if (facets.income !== undefined) add(ratioDistance(facets.income, number(f.annual_inc)));
  const amounts = facets.amountsCompared ?? (facets.amount !== undefined ? [facets.amount] : []);
  if (amounts.length > 0) {
    const loan = number(f.loan_amnt);
    add(loan === null ? null : Math.min(...amounts.map((amount) => ratioDistance(amount, loan) ?? 1)));
  }
  const terms = facets.termsCompared ?? (facets.termMonths !== undefined ? [facets.termMonths] : []);
  // Loans of each compared term are equally like the borrower: a comparison needs both.
  if (terms.length > 0 && number(f.term) !== null) add(terms.includes(number(f.term)!) ? 0 : 1);
  if (facets.utilization !== undefined) {
    const utilization = number(f.revol_util);
    add(utilization === null ? null : Math.min(1, Math.abs(utilization - facets.utilization) / 50));
  }
  if (facets.housing !== undefined && typeof f.home_ownership === "string" && HOUSING[f.home_ownership]) {
    add(HOUSING[f.home_ownership] === facets.housing ? 0 : 1);
  }
  if (facets.employmentYears !== undefined) {
    const years = employmentYears(f.emp_length);
    add(years === null ? null : Math.min(1, Math.abs(years - facets.employmentYears) / 10));
  }
  return parts.length === 0 ? 0 : parts.reduce((sum, part) => sum + part, 0) / parts.length;
}
