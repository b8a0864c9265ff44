import type { RetrievedProfile } from "../../rag";
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

export interface MatchStrength {
  median: number | null;
  low: number | null;
  high: number | null;
  weak: boolean;
}

export function matchStrength(profiles: Pick<RetrievedProfile, "score">[]): MatchStrength {
  const scores = profiles.map((p) => p.score);
  const mid = median(scores);
  return {
    median: mid,
    low: scores.length ? Math.min(...scores) : null,
    high: scores.length ? Math.max(...scores) : null,
    weak: mid === null || mid < WEAK_MATCH_MEDIAN,
  };
}

export const similarity = (score: number) => score.toFixed(2);
