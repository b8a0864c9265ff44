import type { Interval } from "./arm-intervals";
import { chanceToWin, expectedLoss } from "./bayesian";
import { studentTQuantile } from "./distributions";
import { notEnoughData, type NotEnoughData } from "./not-enough-data";
import type { ArmSummary } from "./summaries";
import { welchTest } from "./welch";

export interface Comparison {
  status: "ok";
  /** Relative lift: treatment mean / control mean − 1 (0.05 = +5 %). */
  lift: number;
  /** Delta-method interval for the lift, with the t quantile at Welch's df. */
  ci: Interval;
  /** Standard error of the lift (delta method). */
  liftStandardError: number;
  /** Welch t-test, two-sided, of equal means. */
  pValue: number;
  /** Probability the treatment is better (direction from `higherIsBetter`). */
  chanceToWin: number;
  /** Expected relative loss from shipping the treatment, in lift units (0.01 = 1 %). */
  expectedLoss: number;
}

export type ComparisonResult = Comparison | NotEnoughData;

export interface CompareOptions {
  /** false for latency or error rate: lower is better, which flips chance to win and loss. */
  higherIsBetter?: boolean;
  level?: number;
}

/**
 * Treatment against control on one metric.
 *
 * Lift variance by the delta method for the ratio of two independent means (what gbstats calls the
 * relative frequentist variance):
 *   Var(x̄_t/x̄_c) ≈ Var(x̄_t)/x̄_c² + x̄_t²·Var(x̄_c)/x̄_c⁴,   Var(x̄) = s²/n.
 * The Bayesian figures use N(lift, se²) as gbstats does with its default, uninformative prior.
 *
 * The p-value is the textbook Welch test of the absolute difference (what scipy's ttest_ind with
 * equal_var=False reports), while the interval is on the relative scale; both use Welch's df. The
 * two are asymptotically equivalent but can disagree right at the 5 % boundary, since the delta
 * method also carries the control mean's uncertainty into the lift's standard error.
 */
export function compareToControl(
  control: ArmSummary,
  treatment: ArmSummary,
  options: CompareOptions = {},
): ComparisonResult {
  const { higherIsBetter = true, level = 0.95 } = options;
  if (control.n < 2 || treatment.n < 2) return notEnoughData("each arm needs at least 2 units");
  if (control.variance === 0 && treatment.variance === 0) return notEnoughData("both arms have zero variance");
  if (control.mean === 0) return notEnoughData("the control mean is zero, so a relative lift is undefined");

  const varianceOfControlMean = control.variance / control.n;
  const varianceOfTreatmentMean = treatment.variance / treatment.n;
  const lift = treatment.mean / control.mean - 1;
  const liftStandardError = Math.sqrt(
    varianceOfTreatmentMean / control.mean ** 2 + (treatment.mean ** 2 * varianceOfControlMean) / control.mean ** 4,
  );
  // Treatment all-zero with zero variance: the delta method's first-order term vanishes, not the uncertainty.
  if (liftStandardError === 0) return notEnoughData("the lift's standard error is zero");
  const welch = welchTest(control, treatment);
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, welch.degreesOfFreedom) * liftStandardError;

  // A lift is measured against the control mean's sign; for a negative control mean "treatment/control − 1 > 0"
  // means the treatment is *lower*. Orient the effect so positive always means "treatment better".
  const towardsBetter = (higherIsBetter ? 1 : -1) * Math.sign(control.mean);
  const orientedLift = towardsBetter * lift;
  return {
    status: "ok",
    lift,
    ci: [lift - halfWidth, lift + halfWidth],
    liftStandardError,
    pValue: welch.pValue,
    chanceToWin: chanceToWin(orientedLift, liftStandardError),
    expectedLoss: expectedLoss(orientedLift, liftStandardError),
  };
}
