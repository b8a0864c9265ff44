import { extractQuotedFigures } from "./quoted-figures";
import { extractRecommendation, type Recommendation } from "./recommendation";

export { extractRecommendation, type Recommendation } from "./recommendation";
export { extractQuotedFigures, type QuotedFigures } from "./quoted-figures";

/** What one answer says, as stored with its request: its recommendation and the figures it quotes. */
export interface AdviceLabel {
  recommendation: Recommendation;
  amounts: number[];
  rates: number[];
}

/** Labels one answer from its text alone (deterministic: the same text always gets the same label). */
export function labelAdvice(advice: string): AdviceLabel {
  return { recommendation: extractRecommendation(advice), ...extractQuotedFigures(advice) };
}
