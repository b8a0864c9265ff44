/**
 * The fairness domain's face, pure computation (no database): what an answer recommends
 * (labels/), selection rates by group over logged decisions, and the counterfactual audit set,
 * its variants and the per-attribute score (audit-set/, counterfactual/), which
 * server/fairness-audits runs against a release.
 */
export {
  extractQuotedFigures,
  extractRecommendation,
  labelAdvice,
  type AdviceLabel,
  type QuotedFigures,
  type Recommendation,
} from "./labels";
export { FOUR_FIFTHS, selectionRates, type GroupCount, type GroupRate } from "./selection-rates";
export * from "./audit-set";
export * from "./counterfactual";
