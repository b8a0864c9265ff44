import { intervalFromSummary, wilsonInterval, type ArmResult } from "./arm-intervals";
import { compareToControl, type ComparisonResult } from "./compare-to-control";
import { cupedAdjust, type CupedAggregate } from "./cuped";
import { proportionGuardrail, type GuardrailOptions, type GuardrailResult } from "./guardrail";
import { holmAdjust } from "./holm";
import { sampleRatioMismatch, type SrmResult } from "./sample-ratio-mismatch";
import {
  summarizeMean,
  summarizeProportion,
  type ArmSummary,
  type MeanAggregate,
  type ProportionAggregate,
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
   * Per-user pre/post sums per arm; when present and usable, the metric is CUPED-adjusted. They must
   * cover the same users as `perArm` (same n): a user without pre-exposure ratings is included with
   * X = the overall pre-exposure mean, which leaves θ and the adjusted means unbiased. Otherwise the
   * analysis falls back to the unadjusted sums and says why.
   */
  cuped?: CupedAggregate[];
}

export interface ProportionMetricInput extends MetricInputBase {
  kind: "proportion";
  perArm: ProportionAggregate[];
}

export type MetricInput = MeanMetricInput | ProportionMetricInput;

export interface GuardrailInput extends GuardrailOptions {
  name: string;
  /** A rate that must not rise (e.g. bias-flag rate), one aggregate per arm. */
  perArm: ProportionAggregate[];
}

export interface ExperimentInput {
  arms: ArmInput[];
  /** The decision metrics; Holm-corrected together. */
  metrics: MetricInput[];
  guardrails?: GuardrailInput[];
}

export type VsControl = ComparisonResult & {
  /** The treatment arm's index. */
  arm: number;
  /** Holm-adjusted p-value across every (metric, treatment arm) comparison; null without a p-value. */
  pAdjusted: number | null;
};

export interface MetricResult {
  name: string;
  kind: "mean" | "proportion";
  higherIsBetter: boolean;
  /** Whether CUPED adjusted this metric, with θ, or why not. */
  cuped: { applied: true; theta: number } | { applied: false; reason: string } | null;
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

interface Summarized {
  summaries: ArmSummary[];
  perArm: ArmResult[];
  cuped: MetricResult["cuped"];
}

function summarizeMetric(metric: MetricInput): Summarized {
  if (metric.kind === "proportion") {
    return {
      summaries: metric.perArm.map(summarizeProportion),
      perArm: metric.perArm.map((a) => wilsonInterval(a)),
      cuped: null,
    };
  }
  if (metric.cuped) {
    const sameUsers = metric.cuped.every((arm, i) => arm.n === metric.perArm[i]?.n);
    const adjusted = sameUsers
      ? cupedAdjust(metric.cuped)
      : ({ applied: false, reason: "pre-exposure sums cover different users than the metric" } as const);
    if (adjusted.applied) {
      return {
        summaries: adjusted.summaries,
        perArm: adjusted.summaries.map((s) => intervalFromSummary(s)),
        cuped: { applied: true, theta: adjusted.theta },
      };
    }
    const summaries = metric.perArm.map(summarizeMean);
    return {
      summaries,
      perArm: summaries.map((s) => intervalFromSummary(s)),
      cuped: { applied: false, reason: adjusted.reason },
    };
  }
  const summaries = metric.perArm.map(summarizeMean);
  return {
    summaries,
    perArm: summaries.map((s) => intervalFromSummary(s)),
    cuped: { applied: false, reason: "no pre-exposure data" },
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

  const metrics: MetricResult[] = input.metrics.map((metric) => {
    checkArmCount(metric.name, metric.perArm, armCount);
    if (metric.kind === "mean" && metric.cuped) checkArmCount(`${metric.name} (CUPED)`, metric.cuped, armCount);
    const higherIsBetter = metric.higherIsBetter ?? true;
    const { summaries, perArm, cuped } = summarizeMetric(metric);
    const [control, ...treatments] = summaries as [ArmSummary, ...ArmSummary[]];
    const vsControl = treatments.map((treatment, i): VsControl => ({
      ...compareToControl(control, treatment, { higherIsBetter }),
      arm: i + 1,
      pAdjusted: null,
    }));
    return { name: metric.name, kind: metric.kind, higherIsBetter, cuped, perArm, vsControl };
  });

  // Holm over the family of every comparison that produced a p-value.
  const tested = metrics.flatMap((m) => m.vsControl).filter((c) => c.status === "ok");
  const adjusted = holmAdjust(tested.map((c) => c.pValue));
  for (const [i, comparison] of tested.entries()) comparison.pAdjusted = adjusted[i] ?? null;

  const guardrails: GuardrailReport[] = (input.guardrails ?? []).map((guardrail) => {
    checkArmCount(guardrail.name, guardrail.perArm, armCount);
    const [control, ...treatments] = guardrail.perArm as [ProportionAggregate, ...ProportionAggregate[]];
    const arms = treatments.map((treatment, i) => ({
      ...proportionGuardrail(control, treatment, guardrail),
      arm: i + 1,
    }));
    return { name: guardrail.name, breached: arms.some((a) => a.breached), arms };
  });
  const breachedArms = [...new Set(guardrails.flatMap((g) => g.arms.filter((a) => a.breached).map((a) => a.arm)))].sort(
    (a, b) => a - b,
  );

  return {
    arms: input.arms.map((arm) => ({ ...arm, share: totalUsers > 0 ? arm.users / totalUsers : 0 })),
    srm: sampleRatioMismatch(
      input.arms.map((a) => a.users),
      input.arms.map((a) => a.weight),
    ),
    metrics,
    guardrails,
    breachedArms,
  };
}
