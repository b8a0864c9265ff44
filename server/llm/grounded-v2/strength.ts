import type { QuestionFacets } from "../../question";
import { facetDistance, type RetrievedProfile } from "../../rag";
import { median } from "./loans";

/**
 * Whether the retrieved loans are close enough to the question to ground a verdict.
 *
 * The threshold is on the median similarity of the loans retrieved (inner product of unit
 * vectors), measured with the built-in hashing embedder over the shipped 39,786-loan corpus
 * (profile text without its location), top 5 by vector:
 * - questions that state loan facts ("I rent, earn $48,000 and want $15,000 over 36 months",
 *   "36 or 60 months for a $15,000 loan?", "how much can I borrow on $60,000 a year?") have a
 *   median of 0.27–0.55, and their 100th-best loan still scores 0.24–0.51, so re-ranking the top
 *   100 on the stated facts keeps them above 0.25;
 * - questions that state none ("is now a good time to borrow?", "what affects approval?",
 *   "can I get approved?", "should I consolidate my credit cards?", "hi") have 0.05–0.19; the
 *   only ones that reach 0.23–0.26 match on filler words ("will my religion affect my loan?").
 * 0.25 sits in the gap and errs toward asking. A semantic embedder (MiniLM) scores related text
 * higher than the hashing one, so the same threshold is, if anything, lenient there.
 */
export const WEAK_MATCH_MEDIAN = 0.25;

/**
 * The text similarity above measures shared words, and a short question ("How much can I borrow
 * if I make $48k a year?") shares few with any profile however alike the loans are. Retrieval
 * re-ranks on the facts the question states, so the loans can be close on those facts while the
 * text scores low: on the evaluation set, questions stating their plan have a median facet
 * distance (server/rag/facet-distance: 0 the same, 1 far apart; 0.1 is an income about 7% away)
 * of 0–0.10 for their five loans, and those whose loans differ (another housing, an income a
 * third away) 0.2–0.5. Loans at most this far from what the borrower stated, on enough facts, are
 * like the borrower whatever the wording scores.
 */
export const CLOSE_FACETS_MEDIAN = 0.15;

/** The facts facetDistance compares; income alone is enough (every figure is scaled by it), else two. */
const COMPARED_FACETS: (keyof QuestionFacets)[] = [
  "income",
  "amount",
  "amountsCompared",
  "termMonths",
  "termsCompared",
  "utilization",
  "housing",
  "employmentYears",
];

function enoughFacts(facets: QuestionFacets): boolean {
  return facets.income !== undefined || COMPARED_FACETS.filter((key) => facets[key] !== undefined).length >= 2;
}

export interface MatchStrength {
  median: number | null;
  low: number | null;
  high: number | null;
  /** Whether the loans are close on the facts the question states (see CLOSE_FACETS_MEDIAN). */
  closeOnFacts: boolean;
  weak: boolean;
}

export function matchStrength(
  profiles: (Pick<RetrievedProfile, "score"> & Partial<Pick<RetrievedProfile, "fields">>)[],
  facets: QuestionFacets = {},
): MatchStrength {
  const scores = profiles.map((p) => p.score);
  const mid = median(scores);
  const distance = median(profiles.map((p) => facetDistance(facets, { fields: p.fields ?? {} })));
  const closeOnFacts = enoughFacts(facets) && distance !== null && distance <= CLOSE_FACETS_MEDIAN;
  return {
    median: mid,
    low: scores.length ? Math.min(...scores) : null,
    high: scores.length ? Math.max(...scores) : null,
    closeOnFacts,
    weak: mid === null || (mid < WEAK_MATCH_MEDIAN && !closeOnFacts),
  };
}

export const similarity = (score: number) => score.toFixed(2);
