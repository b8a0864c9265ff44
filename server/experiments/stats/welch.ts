import { studentTCdf } from "./distributions";
import type { ArmSummary } from "./summaries";

export interface WelchResult {
  /** treatment mean − control mean */
  difference: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  degreesOfFreedom: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Welch's unequal-variance t-test of H0: equal means. Callers guarantee n ≥ 2 in both arms and a
 * non-zero combined variance (compareToControl turns those cases into "not enough data").
 *   se² = s_c²/n_c + s_t²/n_t,  t = (x̄_t − x̄_c)/se,
 *   df  = se⁴ / ((s_c²/n_c)²/(n_c − 1) + (s_t²/n_t)²/(n_t − 1)).
 */
export function welchTest(control: ArmSummary, treatment: ArmSummary): WelchResult {
  const a = control.variance / control.n;
  const b = treatment.variance / treatment.n;
  const difference = treatment.mean - control.mean;
  const t = difference / Math.sqrt(a + b);
  const degreesOfFreedom = (a + b) ** 2 / (a ** 2 / (control.n - 1) + b ** 2 / (treatment.n - 1));
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), degreesOfFreedom));
  return { difference, t, degreesOfFreedom, pValue };
}
