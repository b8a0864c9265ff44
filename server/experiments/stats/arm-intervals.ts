import { standardNormalQuantile, studentTQuantile } from "./distributions";
import { notEnoughData, type NotEnoughData } from "./not-enough-data";
import type { ArmSummary, MeanAggregate, ProportionAggregate } from "./summaries";
import { summarizeMean } from "./summaries";

export type Interval = [low: number, high: number];

export interface ArmEstimate {
  status: "ok";
  n: number;
  mean: number;
  /** 95 % (or `level`) confidence interval for the arm's mean. */
  ci: Interval;
}

export type ArmResult = ArmEstimate | (NotEnoughData & { n: number });

/**
 * Mean of an arm with a t interval: x̄ ± t(1 − α/2, n − 1) · s/√n. The t rather than the normal
 * quantile because arms start small and s is estimated; the two agree once n is in the hundreds.
 * A zero-variance arm gets the degenerate interval [x̄, x̄], which is what the data say.
 */
export function meanInterval(aggregate: MeanAggregate, level = 0.95): ArmResult {
  if (aggregate.n < 2) return { ...notEnoughData("a mean's interval needs at least 2 units"), n: aggregate.n };
  return intervalFromSummary(summarizeMean(aggregate), level);
}

/** The t interval for an already reduced summary (used for CUPED-adjusted means). */
export function intervalFromSummary(summary: ArmSummary, level = 0.95): ArmResult {
  const { n, mean, variance } = summary;
  if (n < 2) return { ...notEnoughData("a mean's interval needs at least 2 units"), n };
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { status: "ok", n, mean, ci: [mean - halfWidth, mean + halfWidth] };
}

/**
 * Wilson score interval for a proportion. Chosen over the normal (Wald) interval because the rates
 * watched here (bias flags, errors) sit near 0: with 0 events Wald gives the useless [0, 0] and its
 * coverage is far below 95 % for small p, while Wilson stays inside [0, 1] and keeps close to the
 * nominal coverage (Brown, Cai & DasGupta 2001, "Interval Estimation for a Binomial Proportion").
 */
export function wilsonInterval(aggregate: ProportionAggregate, level = 0.95): ArmResult {
  const { n, successes } = aggregate;
  if (n < 1) return { ...notEnoughData("a proportion needs at least 1 unit"), n };
  if (successes < 0 || successes > n) throw new RangeError(`successes (${successes}) must lie in [0, n=${n}]`);
  const z = standardNormalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const halfWidth = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    status: "ok",
    n,
    mean: p,
    ci: [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)],
  };
}
