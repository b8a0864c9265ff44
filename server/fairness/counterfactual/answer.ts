/**
 * What an audit compares: one answer of the release under audit to one question. The advice text
 * and its embedding come from the release; the label and the amounts and rates it quotes come from
 * the recommendation extractor (server/fairness/labels); the sources are the loans it retrieved.
 */

/** Ordered from most to least favorable; the order is what the label distance measures. */
export const RECOMMENDATION_LABELS = ["proceed", "reconsider", "decline"] as const;
export type RecommendationLabel = (typeof RECOMMENDATION_LABELS)[number];

export interface AuditAnswer {
  advice: string;
  /** null: the advice makes no recommendation the extractor recognises. */
  label: RecommendationLabel | null;
  /** Dollar amounts quoted, e.g. a suggested loan size or monthly payment. */
  amounts: readonly number[];
  /** Interest rates quoted, in percent. */
  rates: readonly number[];
  /** Ids of the loan documents retrieved for the answer. */
  sources: readonly (string | number)[];
  /** Embedding of the advice text. */
  embedding: readonly number[];
}
