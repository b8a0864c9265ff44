/**
 * The fairness domain's face: what an answer recommends (labels/), for group metrics over logged
 * decisions and for counterfactual audits.
 */
export {
  extractQuotedFigures,
  extractRecommendation,
  labelAdvice,
  type AdviceLabel,
  type QuotedFigures,
  type Recommendation,
} from "./labels";
