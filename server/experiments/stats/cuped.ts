import type { ArmSummary } from "./summaries";

/**
 * Per-arm sums over users for CUPED: X is the user's pre-exposure value (e.g. mean satisfaction
 * before the experiment), Y the same metric after exposure.
 */
export interface CupedAggregate {
  n: number;
  sumX: number;
  sumY: number;
  sumX2: number;
  sumY2: number;
  sumXY: number;
}

export type CupedResult =
  { applied: true; theta: number; summaries: ArmSummary[] } | { applied: false; reason: string };

/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013): Y_adj = Y − θ(X − x̄), θ = cov(X, Y)/var(X).
 *
 * θ is pooled across arms from the within-arm centred sums, Σ_arms S_xy / Σ_arms S_xx, so a
 * treatment effect on Y cannot leak into θ; X is measured before exposure, so adjusting by it
 * changes no arm's expected mean, only its variance:
 *   var(Y_adj) = var(Y) + θ²·var(X) − 2θ·cov(X, Y)   (within the arm).
 * Each arm's adjusted mean is ȳ − θ(x̄_arm − x̄_all): centring on the overall pre-exposure mean keeps
 * the adjusted means on the metric's own scale, so a relative lift still means what it says.
 * (θ and x̄_all are treated as known, the usual approximation; their own error is O(1/n).)
 */
export function cupedAdjust(arms: readonly CupedAggregate[]): CupedResult {
  if (arms.length === 0) return { applied: false, reason: "no pre-exposure data" };
  if (arms.some((arm) => arm.n < 2))
    return { applied: false, reason: "an arm has fewer than 2 users with pre-exposure data" };

  let sxx = 0;
  let sxy = 0;
  let totalN = 0;
  let totalX = 0;
  for (const arm of arms) {
    sxx += arm.sumX2 - (arm.sumX * arm.sumX) / arm.n;
    sxy += arm.sumXY - (arm.sumX * arm.sumY) / arm.n;
    totalN += arm.n;
    totalX += arm.sumX;
  }
  // Relative tolerance: the centred sum of squares of a constant X is rounding noise, not variance.
  const scale = arms.reduce((sum, arm) => sum + Math.abs(arm.sumX2), 0);
  if (!(sxx > 1e-12 * scale)) return { applied: false, reason: "pre-exposure values do not vary" };

  const theta = sxy / sxx;
  const overallXMean = totalX / totalN;
  const summaries = arms.map((arm): ArmSummary => {
    const xMean = arm.sumX / arm.n;
    const yMean = arm.sumY / arm.n;
    const varX = (arm.sumX2 - arm.n * xMean * xMean) / (arm.n - 1);
    const varY = (arm.sumY2 - arm.n * yMean * yMean) / (arm.n - 1);
    const covXY = (arm.sumXY - arm.n * xMean * yMean) / (arm.n - 1);
    return {
      n: arm.n,
      mean: yMean - theta * (xMean - overallXMean),
      variance: Math.max(0, varY + theta * theta * varX - 2 * theta * covXY),
    };
  });
  return { applied: true, theta, summaries };
}
