import { standardNormalCdf } from "./distributions";

/**
 * GrowthBook's Bayesian figures for an effect whose posterior is N(mu, sigma²).
 *
 * gbstats (EffectBayesianABTest) with its default prior (Gaussian, mean 0, variance 1, proper:
 * false) leaves the data untouched: the posterior of the relative lift is the normal with the
 * observed lift as mean and the delta-method standard error as sd. Then
 *   chance to win  = P(effect > 0)                         = Φ(mu/sigma)
 *   expected loss  = E[max(−effect, 0)]  (loss from shipping the treatment if it is worse)
 *                  = −P(effect < 0) · E[effect | effect < 0] = sigma·φ(mu/sigma) − mu·Φ(−mu/sigma),
 * the second line being the closed form of the truncated-normal mean gbstats evaluates.
 */
export function chanceToWin(mu: number, sigma: number): number {
  return standardNormalCdf(mu / sigma);
}

export function expectedLoss(mu: number, sigma: number): number {
  const z = mu / sigma;
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  return Math.max(0, sigma * density - mu * standardNormalCdf(-z));
}
