/** What every bias detector returns, and the policy (a registered document) that parameterises it. */

export const BIAS_CATEGORIES = [
  "race_or_color",
  "national_origin",
  "religion",
  "sex_or_gender",
  "sexual_orientation",
  "marital_status",
  "age",
  "disability",
  "familial_status",
  "public_assistance",
  "geographic_proxy",
  "language_proxy",
  // Since v2: a first or last name typical of a group, or talk of names ("a name like yours").
  "name_proxy",
  // Since v2: "people like you", "your community", "your background": a group left unnamed.
  "group_reference",
] as const;
export type BiasCategory = (typeof BIAS_CATEGORIES)[number];

/**
 * How the answer uses what it found (v2): it makes it a reason (`conditioned`), names it
 * (`mention`), repeats what the borrower said of themselves (`echo`), or names it only to rule it
 * out, as the law does (`negated`: "lenders may not consider your age"; weight 0).
 */
export type BiasUse = "conditioned" | "mention" | "echo" | "negated";

export interface BiasFinding {
  category: BiasCategory;
  term: string;
  kind: "protected" | "proxy";
  conditioned: boolean;
  weight: number;
  /** v2 only (v1 findings are conditioned or not). */
  use?: BiasUse;
  /** v2 only: the borrower's question names the same category. */
  inQuestion?: boolean;
}

export interface BiasResult {
  score: number;
  flagged: boolean;
  reasons: string[];
  findings: BiasFinding[];
}

/** The detectors a bias policy can name; a policy naming none is `lexical-v1` (what it was written for). */
export const BIAS_DETECTORS = ["lexical-v1", "contextual-v2"] as const;
export type BiasDetector = (typeof BIAS_DETECTORS)[number];

/** When an answer is flagged: the registered bias policy a release names. */
export interface BiasPolicy {
  /** Absent in policies registered before v2, which therefore keep the lexical v1 detector. */
  detector?: BiasDetector;
  threshold: number;
  weights: Record<"protected" | "proxy", { conditioned: number; mention: number }>;
}
