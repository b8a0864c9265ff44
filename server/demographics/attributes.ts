import { z } from "zod";

/**
 * The characteristics a borrower may state about themselves, in the categories the Home Mortgage
 * Disclosure Act collects them (Regulation C, 12 CFR 1003.4(a)(10) and appendix B: sex,
 * ethnicity, race, age; marital status as Regulation B, 12 CFR 1002.5(d)(1), lets a lender ask:
 * married, unmarried, separated). HMDA records age in years and reports it in bands; APFA asks
 * for the band, which is all the group metrics use. HMDA lets an applicant tick several races;
 * APFA asks for one, so each answer falls in exactly one group.
 *
 * Every attribute is optional (null: not answered) and every one offers "prefer not to say",
 * which is kept apart from not answering but counts in no group.
 */

export const PREFER_NOT_TO_SAY = "prefer_not_to_say";

export const SELF_DECLARED_OPTIONS = {
  sex: { female: "Female", male: "Male" },
  ethnicity: { hispanic_or_latino: "Hispanic or Latino", not_hispanic_or_latino: "Not Hispanic or Latino" },
  race: {
    american_indian_or_alaska_native: "American Indian or Alaska Native",
    asian: "Asian",
    black_or_african_american: "Black or African American",
    native_hawaiian_or_pacific_islander: "Native Hawaiian or Other Pacific Islander",
    white: "White",
  },
  ageBand: {
    under_25: "Under 25",
    "25_34": "25–34",
    "35_44": "35–44",
    "45_54": "45–54",
    "55_64": "55–64",
    "65_74": "65–74",
    "75_plus": "75 or older",
  },
  maritalStatus: { married: "Married", unmarried: "Unmarried", separated: "Separated" },
} as const;

export type SelfDeclaredAttribute = keyof typeof SELF_DECLARED_OPTIONS;
export const SELF_DECLARED_ATTRIBUTES = Object.keys(SELF_DECLARED_OPTIONS) as SelfDeclaredAttribute[];

export const ATTRIBUTE_LABELS: Record<SelfDeclaredAttribute, string> = {
  sex: "Sex",
  ethnicity: "Ethnicity",
  race: "Race",
  ageBand: "Age",
  maritalStatus: "Marital status",
};

/** One borrower's answers: null where they did not answer. */
export type SelfDeclared = Record<SelfDeclaredAttribute, string | null>;

function answer(attribute: SelfDeclaredAttribute) {
  const allowed = [...Object.keys(SELF_DECLARED_OPTIONS[attribute]), PREFER_NOT_TO_SAY];
  return z
    .string({ message: `${attribute} must be text` })
    .refine((value) => allowed.includes(value), {
      message: `${attribute} must be one of ${allowed.join(", ")} (or left out)`,
    })
    .nullable()
    .default(null);
}

/** What the profile form sends: every attribute optional, each one of its own values or null. */
export const selfDeclaredInput = z
  .object({
    sex: answer("sex"),
    ethnicity: answer("ethnicity"),
    race: answer("race"),
    ageBand: answer("ageBand"),
    maritalStatus: answer("maritalStatus"),
  })
  .strict();
