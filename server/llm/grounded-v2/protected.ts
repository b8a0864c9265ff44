import type { ProtectedCategory } from "../../question";
import { list } from "./words";

/**
 * What v2 says when a borrower asks whether a protected characteristic will hurt their chances:
 * that APFA does not use it, and what the law lets lenders do with it. The wording avoids the
 * phrases the bias check reads as conditioning ("because", "based on", "likely", …): these
 * sentences name a characteristic only to rule it out.
 *
 * Sources: the Equal Credit Opportunity Act and Regulation B, 12 CFR 1002.2(z) (prohibited
 * bases), 1002.5(d) (marital status and childbearing inquiries), 1002.6(b)(2) (age and public
 * assistance), 1002.6(b)(5) (income may not be discounted on a prohibited basis) and 1002.6(b)(8)
 * (marital status); the Fair Housing Act, 42 U.S.C. 3605, for disability and familial status,
 * which are not ECOA bases.
 */

const NAME: Record<ProtectedCategory, string> = {
  race: "race",
  color: "color",
  religion: "religion",
  national_origin: "national origin",
  sex: "sex",
  marital_status: "marital status",
  age: "age",
  disability: "disability",
  familial_status: "family status",
  public_assistance: "public assistance income",
};

const FAIR_HOUSING_ONLY = new Set<ProtectedCategory>(["disability", "familial_status"]);

/** 12 CFR 1002.6(b)(2)(i)–(iv); "elderly" is 62 or older (1002.2(o)). */
const AGE =
  "The exceptions for age are narrow: a lender may not hold it against an applicant old enough to contract, " +
  "except that an empirically derived, demonstrably and statistically sound scoring system may use it but may not " +
  "assign an applicant 62 or older a negative factor or value, a judgmental review may weigh it only for a pertinent " +
  "element of creditworthiness, such as time until retirement affecting income, and it may count in favour of an applicant 62 or older.";

/** 12 CFR 1002.5(d)(1), 1002.6(b)(8). */
const MARITAL_STATUS =
  "Marital status may be asked about only in limited cases, such as joint credit or community-property states, and may not be counted against you.";

/** 12 CFR 1002.6(b)(2)(iii) and (b)(5): amount and continuance may be weighed, the source may not. */
const PUBLIC_ASSISTANCE =
  "Income from public assistance must be counted like other income; a lender may weigh only how much it is and how long it will continue.";

/** 12 CFR 1002.5(d)(3). */
const FAMILY = "Regulation B also bars lenders from asking about plans to have or raise a family.";

export function protectedSentences(categories: ProtectedCategory[]): string[] {
  if (categories.length === 0) return [];
  // In one fixed order (the statute's), whatever order the question named them in.
  const order = Object.keys(NAME) as ProtectedCategory[];
  const unique = order.filter((c) => categories.includes(c));
  const names = (of: ProtectedCategory[]) =>
    list(
      of.map((c) => NAME[c]),
      "or",
    );
  const ecoa = unique.filter((c) => !FAIR_HOUSING_ONLY.has(c));
  const fairHousing = unique.filter((c) => FAIR_HOUSING_ONLY.has(c));
  const out = [
    ecoa.length
      ? `APFA does not use ${names(unique)} in its advice, and under the Equal Credit Opportunity Act (Regulation B) lenders may not discriminate against an applicant on the basis of ${names(ecoa)}.`
      : `APFA does not use ${names(unique)} in its advice.`,
  ];
  if (fairHousing.length) {
    out.push(
      `For mortgages and other home-related credit, the Fair Housing Act bars lenders from discriminating on ${names(fairHousing)}.`,
    );
  }
  if (unique.includes("age")) out.push(AGE);
  if (unique.includes("marital_status")) out.push(MARITAL_STATUS);
  if (unique.includes("public_assistance")) out.push(PUBLIC_ASSISTANCE);
  if (unique.includes("familial_status")) out.push(FAMILY);
  return out;
}

/** Said only when a borrower asks whether where they live will hurt them. */
export const LOCATION_SENTENCE = "APFA does not use where you live either: its advice never sees a state or ZIP code.";

/** What does matter, after a protected characteristic has been ruled out. */
export const WHAT_MATTERS =
  "What lenders weigh is your income and debt-to-income, how much of your card limits you use, your payment history and recent credit applications, and the amount and term you ask for.";
