import { chiSquareSurvival } from "./distributions";

export type SrmStatus = "ok" | "warning" | "alert" | "not-enough-data";

export interface SrmResult {
  status: SrmStatus;
  chiSquare: number | null;
  degreesOfFreedom: number;
  pValue: number | null;
  /** Users expected per arm from the weights (same order as the input). */
  expected: number[];
  reason: string;
}

export const SRM_WARNING_P = 0.01;
export const SRM_ALERT_P = 0.001;

/**
 * Sample-ratio mismatch: Pearson's chi-square goodness of fit of users per arm against the
 * configured weights, χ² = Σ (observed − expected)²/expected with k − 1 degrees of freedom.
 * A mismatch means assignment or logging is broken, so the other figures cannot be trusted:
 * `warning` at p < 0.01, `alert` at p < 0.001 (the thresholds GrowthBook also uses by default).
 * Weights are normalised, so [50, 50] and [0.5, 0.5] are the same.
 */
export function sampleRatioMismatch(users: number[], weights: number[]): SrmResult {
  if (users.length !== weights.length) throw new RangeError("users and weights need one entry per arm");
  const degreesOfFreedom = users.length - 1;
  const total = users.reduce((sum, u) => sum + u, 0);
  const weightTotal = weights.reduce((sum, w) => sum + w, 0);
  if (weights.some((w) => !(w >= 0)) || !(weightTotal > 0)) throw new RangeError("weights must be ≥ 0 and not all 0");
  const expected = weights.map((w) => (total * w) / weightTotal);
  const empty = { chiSquare: null, degreesOfFreedom, pValue: null, expected };
  if (users.length < 2) return { status: "not-enough-data", ...empty, reason: "needs at least two arms" };
  if (total === 0) return { status: "not-enough-data", ...empty, reason: "no users yet" };

  let chiSquare = 0;
  for (const [i, observed] of users.entries()) {
    const e = expected[i] ?? 0;
    if (e === 0) {
      // An arm with weight 0 that still has users is a mismatch no p-value is needed for.
      if (observed > 0) {
        return {
          status: "alert",
          chiSquare: Infinity,
          degreesOfFreedom,
          pValue: 0,
          expected,
          reason: `arm ${i} has weight 0 but ${observed} users`,
        };
      }
      continue;
    }
    chiSquare += (observed - e) ** 2 / e;
  }
  const pValue = chiSquareSurvival(chiSquare, degreesOfFreedom);
  const status: SrmStatus = pValue < SRM_ALERT_P ? "alert" : pValue < SRM_WARNING_P ? "warning" : "ok";
  const observedShares = users.map((u) => `${((100 * u) / total).toFixed(1)} %`).join(" / ");
  const expectedShares = weights.map((w) => `${((100 * w) / weightTotal).toFixed(1)} %`).join(" / ");
  const reason =
    status === "ok"
      ? `users per arm (${observedShares}) are consistent with the weights (p = ${pValue.toPrecision(3)})`
      : `users per arm (${observedShares}) differ from the weights (${expectedShares}); p = ${pValue.toExponential(2)}: check assignment and exposure logging before trusting results`;
  return { status, chiSquare, degreesOfFreedom, pValue, expected, reason };
}
