import { intervalFromSummary, wilsonInterval, type ArmResult } from "./arm-intervals";
import { compareToControl, type ComparisonResult } from "./compare-to-control";
import { cupedAdjust, type CupedAggregate } from "./cuped";
import { ratioGuardrail, type GuardrailOptions, type GuardrailResult } from "./guardrail";
import { holmAdjust } from "./holm";
import {
  sampleRatioMismatch,
  sampleRatioMismatchByEpoch,
  type SrmResult,
  type WeightEpoch,
} from "./sample-ratio-mismatch";
import {
  summarizeMean,
  summarizeProportion,
  type ArmSummary,
  type MeanAggregate,
  type ProportionAggregate,
  type RatioAggregate,
} from "./summaries";

/** One arm of the experiment; index 0 is control. `users` are exposed users, for the SRM check. */
export interface ArmInput {
  name: string;
  weight: number;
  users: number;
}

interface MetricInputBase {
  name: string;
  /** false for latency, error rate: lower is better. Default true. */
  higherIsBetter?: boolean;
}

export interface MeanMetricInput extends MetricInputBase {
  kind: "mean";
  /** One aggregate per arm, in arm order. */
  perArm: MeanAggregate[];
  /**
   * CUPED, when the metric's users have pre-exposure values: per arm, the per-user sums over users
   * who have both a pre-exposure value (X) and an in-experiment one (Y). Those users are a subset
   * of `perArm`'s units (which may be requests), so the adjusted analysis is reported beside the
   * metric's own, with the same users unadjusted for reference: that is where its variance
   * reduction shows. `covariate` names X in the reasons (e.g. "pre-exposure ratings").
   */
  cuped?: { covariate: string; perArm: CupedAggregate[] };
}

export interface ProportionMetricInput extends MetricInputBase {
  kind: "proportion";
  perArm: ProportionAggregate[];
}

export type MetricInput = MeanMetricInput | ProportionMetricInput;

export interface GuardrailInput extends GuardrailOptions {
  name: string;
  /**
   * A rate that must not rise (e.g. bias-flag rate), one aggregate per arm, summed over users: the
   * user is the unit of the one-sided test (`ratioGuardrail`), not the request.
   */
  perArm: RatioAggregate[];
}

export interface ExperimentInput {
  arms: ArmInput[];
  /** The decision metrics; Holm-corrected together. */
  metrics: MetricInput[];
  guardrails?: GuardrailInput[];
  /**
   * The exposures per split, when the weights changed while the experiment ran (oldest first;
   * their users add up to `arms[].users`). Without them the SRM check uses `arms[].weight`.
   */
  weightEpochs?: WeightEpoch[];
}

export type VsControl = ComparisonResult & {
  /** The treatment arm's index. */
  arm: number;
  /** Holm-adjusted p-value across every (metric, treatment arm) comparison; null without a p-value. */
  pAdjusted: number | null;
};

/** One arm of the CUPED analysis: its users' per-user mean without and with the adjustment. */
export interface CupedArm {
  users: number;
  unadjusted: ArmSummary;
  adjusted: ArmSummary;
  /** 1 − adjusted variance / unadjusted variance: the share of the variance the covariate explained. */
  varianceReduction: number;
}

export type CupedReport =
  | {
      applied: true;
      theta: number;
      arms: CupedArm[];
      /** Adjusted intervals per arm. */
      perArm: ArmResult[];
      /** Adjusted lift against control, Holm-adjusted with every other comparison. */
      vsControl: VsControl[];
      /** The same users without the adjustment, for reference (not in the Holm family). */
      unadjustedVsControl: (ComparisonResult & { arm: number })[];
    }
  | { applied: false; reason: string };

export interface MetricResult {
  name: string;
  kind: "mean" | "proportion";
  higherIsBetter: boolean;
  /** A mean metric's CUPED analysis, or why there is none; null for proportions. */
  cuped: CupedReport | null;
  perArm: ArmResult[];
  /** One entry per treatment arm (arms 1…k−1). */
  vsControl: VsControl[];
}

export interface GuardrailArmResult extends GuardrailResult {
  arm: number;
}

export interface GuardrailReport {
  name: string;
  breached: boolean;
  arms: GuardrailArmResult[];
}

export interface ExperimentAnalysis {
  arms: (ArmInput & { share: number })[];
  srm: SrmResult;
  metrics: MetricResult[];
  guardrails: GuardrailReport[];
  /** Arms whose any guardrail is breached: the experiment should stop and send them to control. */
  breachedArms: number[];
}

function checkArmCount(what: string, perArm: readonly unknown[], armCount: number): void {
  if (perArm.length !== armCount) throw new RangeError(`${what}: ${perArm.length} aggregates for ${armCount} arms`);
}

function summarizeMetric(metric: MetricInput): { summaries: ArmSummary[]; perArm: ArmResult[] } {
  if (metric.kind === "proportion")
    return { summaries: metric.perArm.map(summarizeProportion), perArm: metric.perArm.map((a) => wilsonInterval(a)) };
  const summaries = metric.perArm.map(summarizeMean);
  return { summaries, perArm: summaries.map((s) => intervalFromSummary(s)) };
}

function compareArms(
  summaries: ArmSummary[],
  higherIsBetter: boolean,
): (ComparisonResult & { arm: number; pAdjusted: null })[] {
  const [control, ...treatments] = summaries as [ArmSummary, ...ArmSummary[]];
  return treatments.map((treatment, i) => ({
    ...compareToControl(control, treatment, { higherIsBetter }),
    arm: i + 1,
    pAdjusted: null,
  }));
}

/** CUPED over the users with pre-exposure values, beside the same users unadjusted; or why not. */
function cupedReport(cuped: MeanMetricInput["cuped"], higherIsBetter: boolean): CupedReport {
  if (!cuped || cuped.perArm.every((arm) => arm.n === 0))
    return { applied: false, reason: `no ${cuped?.covariate ?? "pre-exposure data"}` };
  const adjusted = cupedAdjust(cuped.perArm);
  if (!adjusted.applied) return adjusted;
  const unadjusted = cuped.perArm.map((arm) => summarizeMean({ n: arm.n, sum: arm.sumY, sumSquares: arm.sumY2 }));
  return {
    applied: true,
    theta: adjusted.theta,
    arms: adjusted.summaries.map((summary, i) => ({
      users: summary.n,
      unadjusted: unadjusted[i]!,
      adjusted: summary,
      varianceReduction: unadjusted[i]!.variance > 0 ? 1 - summary.variance / unadjusted[i]!.variance : 0,
    })),
    perArm: adjusted.summaries.map((summary) => intervalFromSummary(summary)),
    vsControl: compareArms(adjusted.summaries, higherIsBetter),
    unadjustedVsControl: compareArms(unadjusted, higherIsBetter).map(({ pAdjusted: _, ...comparison }) => comparison),
  };
}

/**
 * The whole results page in one call: per-arm estimates, every treatment against control on every
 * metric (Holm-adjusted across all of those comparisons), the SRM check and the guardrails.
 * Pure: the aggregates come from SQL, nothing here reads or writes anything.
 */
export function analyzeExperiment(input: ExperimentInput): ExperimentAnalysis {
  const armCount = input.arms.length;
  if (armCount < 2) throw new RangeError("an experiment needs a control and at least one treatment");
  const totalUsers = input.arms.reduce((sum, arm) => sum + arm.users, 0);
  for (const [i, arm] of input.arms.entries()) {
    if (input.weightEpochs && input.weightEpochs.reduce((sum, e) => sum + (e.users[i] ?? 0), 0) !== arm.users)
      throw new RangeError(`weightEpochs: the epochs' users of arm ${i} do not add up to its ${arm.users} users`);
  }

  const metrics: MetricResult[] = input.metrics.map((metric) => {
    checkArmCount(metric.name, metric.perArm, armCount);
    if (metric.kind === "mean" && metric.cuped) checkArmCount(`${metric.name} (CUPED)`, metric.cuped.perArm, armCount);
    const higherIsBetter = metric.higherIsBetter ?? true;
    const { summaries, perArm } = summarizeMetric(metric);
    const vsControl: VsControl[] = compareArms(summaries, higherIsBetter);
    const cuped = metric.kind === "mean" ? cupedReport(metric.cuped, higherIsBetter) : null;
    return { name: metric.name, kind: metric.kind, higherIsBetter, cuped, perArm, vsControl };
  });

  // Holm over the family of every comparison that produced a p-value, CUPED's adjusted ones included.
  const tested = metrics
    .flatMap((m) => [...m.vsControl, ...(m.cuped?.applied ? m.cuped.vsControl : [])])
    .filter((c) => c.status === "ok");
  const adjusted = holmAdjust(tested.map((c) => c.pValue));
  for (const [i, comparison] of tested.entries()) comparison.pAdjusted = adjusted[i] ?? null;

  const guardrails: GuardrailReport[] = (input.guardrails ?? []).map((guardrail) => {
    checkArmCount(guardrail.name, guardrail.perArm, armCount);
    const [control, ...treatments] = guardrail.perArm as [RatioAggregate, ...RatioAggregate[]];
    const arms = treatments.map((treatment, i) => ({
      ...ratioGuardrail(control, treatment, guardrail),
      arm: i + 1,
    }));
    return { name: guardrail.name, breached: arms.some((a) => a.breached), arms };
  });
  const breachedArms = [...new Set(guardrails.flatMap((g) => g.arms.filter((a) => a.breached).map((a) => a.arm)))].sort(
    (a, b) => a - b,
  );

  return {
    arms: input.arms.map((arm) => ({ ...arm, share: totalUsers > 0 ? arm.users / totalUsers : 0 })),
    srm: input.weightEpochs
      ? sampleRatioMismatchByEpoch(input.weightEpochs)
      : sampleRatioMismatch(
          input.arms.map((a) => a.users),
          input.arms.map((a) => a.weight),
        ),
    metrics,
    guardrails,
    breachedArms,
  };
}
