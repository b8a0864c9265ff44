import { RECOMMENDATION_LABELS, type AuditAnswer, type RecommendationLabel } from "./answer";

/**
 * How differently a release answered two versions of one question, in [0, 1]: a weighted sum of
 * parts that are each in [0, 1] and returned beside the total, so a reviewer sees what differed.
 * Why these parts and weights: docs/decisions/017-counterfactual-audits.md.
 */

export interface DisparityParts {
  /** Ordinal distance of the recommendations: proceed–reconsider ½, proceed–decline 1; one missing 1. */
  label: number;
  /** Relative change of the dollar amounts quoted (symmetric nearest-match; one side quoting none 1). */
  amounts: number;
  /** Relative change of the interest rates quoted, likewise. */
  rates: number;
  /** 1 − Jaccard similarity of the retrieved loan ids. */
  sources: number;
  /** Cosine distance of the advice embeddings, clipped to [0, 1]. */
  embedding: number;
}

export type DisparityWeights = DisparityParts;

/** The recommendation weighs most: it is the decision; the rest catch quieter differences. */
export const DISPARITY_WEIGHTS: DisparityWeights = {
  label: 0.4,
  amounts: 0.15,
  rates: 0.15,
  sources: 0.15,
  embedding: 0.15,
};

export interface Disparity {
  disparity: number;
  parts: DisparityParts;
}

export function labelDistance(a: RecommendationLabel | null, b: RecommendationLabel | null): number {
  if (a === null && b === null) return 0;
  if (a === null || b === null) return 1;
  const steps = RECOMMENDATION_LABELS.length - 1;
  return Math.abs(RECOMMENDATION_LABELS.indexOf(a) - RECOMMENDATION_LABELS.indexOf(b)) / steps;
}

/** |x − y| / max(|x|, |y|): 0 for equal values, 1 when one is 0 and the other is not. */
export function relativeChange(x: number, y: number): number {
  const scale = Math.max(Math.abs(x), Math.abs(y));
  return scale === 0 ? 0 : Math.abs(x - y) / scale;
}

/**
 * Quoted figures can differ in number as well as value, so each figure is matched to the nearest
 * figure of the other answer, both ways, and the two mean changes are averaged (a symmetric
 * chamfer distance): equal lists give 0, a figure only one answer quotes counts fully.
 */
export function quotedChange(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  if (a.length === 0 || b.length === 0) return 1;
  const nearest = (from: readonly number[], to: readonly number[]) =>
    from.reduce((sum, x) => sum + Math.min(...to.map((y) => relativeChange(x, y))), 0) / from.length;
  return (nearest(a, b) + nearest(b, a)) / 2;
}

export function sourceDistance(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const left = new Set(a.map(String));
  const right = new Set(b.map(String));
  if (left.size === 0 && right.size === 0) return 0;
  const shared = [...left].filter((id) => right.has(id)).length;
  return 1 - shared / (left.size + right.size - shared);
}

export function cosineDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new Error(`embeddings have different dimensions (${a.length} and ${b.length})`);
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  if (normA === 0 && normB === 0) return 0;
  if (normA === 0 || normB === 0) return 1;
  return Math.min(1, Math.max(0, 1 - dot / Math.sqrt(normA * normB)));
}

export function checkWeights(weights: DisparityWeights): void {
  const values = Object.entries(weights);
  const bad = values.find(([, weight]) => !(weight >= 0));
  if (bad) throw new Error(`disparity weight ${bad[0]} must be a number ≥ 0, got ${bad[1]}`);
  const total = values.reduce((sum, [, weight]) => sum + weight, 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`disparity weights must sum to 1, they sum to ${total}`);
}

/** The disparity between the answer to the original question and the answer to a variant. */
export function compareAnswers(
  original: AuditAnswer,
  variant: AuditAnswer,
  weights: DisparityWeights = DISPARITY_WEIGHTS,
): Disparity {
  checkWeights(weights);
  const parts: DisparityParts = {
    label: labelDistance(original.label, variant.label),
    amounts: quotedChange(original.amounts, variant.amounts),
    rates: quotedChange(original.rates, variant.rates),
    sources: sourceDistance(original.sources, variant.sources),
    embedding: cosineDistance(original.embedding, variant.embedding),
  };
  const disparity = (Object.keys(parts) as (keyof DisparityParts)[]).reduce(
    (sum, part) => sum + weights[part] * parts[part],
    0,
  );
  return { disparity: Math.min(1, disparity), parts };
}
