import chiSquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";

/** P(Z ≤ z) for a standard normal. */
export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

/** The standard normal's p-quantile (e.g. 0.975 → 1.959964). */
export function standardNormalQuantile(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function studentTCdf(t: number, df: number): number {
  return tCdf(t, df);
}

/**
 * Student's t p-quantile. @stdlib ships the t cdf but not its quantile in our dependencies, so the
 * quantile is found by bisection on the library's cdf (monotone, so bisection always converges);
 * 200 halvings of the bracket reach the limit of double precision.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`t quantile needs 0 < p < 1 and df > 0 (p=${p}, df=${df})`);
  let low = -1;
  let high = 1;
  while (tCdf(low, df) > p) low *= 2;
  while (tCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, Math.abs(low)); i++) {
    const mid = (low + high) / 2;
    if (tCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** P(X ≥ x) for a chi-square with `df` degrees of freedom: the goodness-of-fit p-value. */
export function chiSquareSurvival(x: number, df: number): number {
  return 1 - chiSquareCdf(x, df);
}
