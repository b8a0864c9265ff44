import { standardNormalCdf } from "./distributions";
import { summarizeRatio, type ProportionAggregate, type RatioAggregate } from "./summaries";

export interface GuardrailOptions {
  /** One-sided significance level; 0.05 unless the experiment says otherwise. */
  alpha?: number;
  /** Units needed in each of the two arms before the guardrail may fire. */
  minSamplePerArm?: number;
}

export interface GuardrailResult {
  breached: boolean;
  /** One-sided p-value of H0: p_treatment ≤ p_control; null before the minimum sample. */
  pValue: number | null;
  controlRate: number;
  treatmentRate: number;
  reason: string;
}

export const DEFAULT_GUARDRAIL_ALPHA = 0.05;
export const DEFAULT_GUARDRAIL_MIN_SAMPLE = 200;

const percent = (rate: number) => `${(100 * rate).toFixed(2)} %`;

/**
 * Is the treatment's rate (e.g. bias-flag rate) greater than control's? Two-proportion z-test,
 * one-sided, with the pooled rate under H0 (the textbook form, e.g. Agresti, Categorical Data
 * Analysis §3.1):
 *   p̂ = (x_c + x_t)/(n_c + n_t),  z = (p̂_t − p̂_c) / √(p̂(1 − p̂)(1/n_c + 1/n_t)),  p = 1 − Φ(z).
 * Only "worse" fires: a treatment with fewer flags is never a breach. The minimum sample keeps the
 * normal approximation honest and the guardrail from stopping an experiment on its first requests.
 */
export function proportionGuardrail(
  control: ProportionAggregate,
  treatment: ProportionAggregate,
  options: GuardrailOptions = {},
): GuardrailResult {
  const { alpha = DEFAULT_GUARDRAIL_ALPHA, minSamplePerArm = DEFAULT_GUARDRAIL_MIN_SAMPLE } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1) (got ${alpha})`);
  for (const arm of [control, treatment]) {
    if (arm.successes < 0 || arm.successes > arm.n)
      throw new RangeError(`successes must lie in [0, n] (got ${arm.successes}/${arm.n})`);
  }
  const controlRate = control.n > 0 ? control.successes / control.n : 0;
  const treatmentRate = treatment.n > 0 ? treatment.successes / treatment.n : 0;
  const rates = `treatment ${percent(treatmentRate)} (${treatment.successes}/${treatment.n}) vs control ${percent(controlRate)} (${control.successes}/${control.n})`;

  const smaller = Math.min(control.n, treatment.n);
  if (smaller < minSamplePerArm) {
    return {
      breached: false,
      pValue: null,
      controlRate,
      treatmentRate,
      reason: `not enough data yet: ${smaller} of the ${minSamplePerArm} units per arm needed; ${rates}`,
    };
  }
  const pooled = (control.successes + treatment.successes) / (control.n + treatment.n);
  // Both arms at 0 % (or both at 100 %): no evidence at all that the treatment is worse.
  const pValue =
    pooled === 0 || pooled === 1
      ? 1
      : 1 -
        standardNormalCdf(
          (treatmentRate - controlRate) / Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n)),
        );
  const breached = pValue < alpha;
  const verdict = breached ? "breached" : "holds";
  return {
    breached,
    pValue,
    controlRate,
    treatmentRate,
    reason: `guardrail ${verdict}: ${rates}, one-sided p = ${pValue.toPrecision(3)} ${breached ? "<" : "≥"} α = ${alpha}`,
  };
}

/**
 * Is the treatment's rate greater than control's, with the user as the unit? The guardrail the
 * results use (ADR 016): each arm's rate is Σa/Σb over its users (the same figure as counted per
 * request) with its delta-method variance over users (`summarizeRatio`), and the one-sided test is
 *   z = (R_t − R_c) / √(Var_t + Var_c),  p = 1 − Φ(z).
 * A user who asks many questions, or whose questions all draw flags, no longer counts as many
 * independent trials: requests of one user are correlated, and treating them as independent
 * understates the variance and stops experiments on noise. The minimum sample counts users.
 */
export function ratioGuardrail(
  control: RatioAggregate,
  treatment: RatioAggregate,
  options: GuardrailOptions = {},
): GuardrailResult {
  const { alpha = DEFAULT_GUARDRAIL_ALPHA, minSamplePerArm = DEFAULT_GUARDRAIL_MIN_SAMPLE } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1) (got ${alpha})`);
  for (const arm of [control, treatment]) {
    if (arm.sumA < 0 || arm.sumA > arm.sumB)
      throw new RangeError(`the numerator must lie in [0, denominator] (got ${arm.sumA}/${arm.sumB})`);
  }
  const c = summarizeRatio(control);
  const t = summarizeRatio(treatment);
  const rates = `treatment ${percent(t.rate)} (${treatment.sumA}/${treatment.sumB} over ${treatment.n} users) vs control ${percent(c.rate)} (${control.sumA}/${control.sumB} over ${control.n} users)`;
  const smaller = Math.min(control.n, treatment.n);
  if (smaller < minSamplePerArm || !(control.sumB > 0 && treatment.sumB > 0)) {
    return {
      breached: false,
      pValue: null,
      controlRate: c.rate,
      treatmentRate: t.rate,
      reason: `not enough data yet: ${smaller} of the ${minSamplePerArm} users per arm needed; ${rates}`,
    };
  }
  const se = Math.sqrt(c.variance + t.variance);
  // No spread at all (e.g. no flag in either arm): worse only if the rates themselves differ.
  const pValue = se > 0 ? 1 - standardNormalCdf((t.rate - c.rate) / se) : t.rate > c.rate ? 0 : 1;
  const breached = pValue < alpha;
  return {
    breached,
    pValue,
    controlRate: c.rate,
    treatmentRate: t.rate,
    reason: `guardrail ${breached ? "breached" : "holds"}: ${rates}, one-sided p = ${pValue.toPrecision(3)} ${breached ? "<" : "≥"} α = ${alpha} (users as the unit)`,
  };
}
