/**
 * The fairness domain's face: what an answer recommends (labels/) and selection rates by group,
 * for group metrics over logged decisions and for counterfactual audits.
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
