import {
  analyzeExperiment,
  type Experiment,
  type GuardrailInput,
  exposuresPerDay,
  exposuresPerWeightEpoch,
  getExperiment,
  type ExperimentAnalysis,
} from "../experiments";
import { experimentArmSums, type ArmAggregates } from "./experiment-aggregates";
import type { UserRates } from "./experiment-user-rates";

/** Requests, errors and latency per arm, as stored (the figures beside the statistics). */
export interface ArmFigures {
  variant: number;
  release: string;
  users: number;
  requests: number;
  errorRate: number | null;
  /** Flagged answers per answered request, whether or not the experiment guards on it (the console's table). */
  biasFlagRate: number | null;
  meanLatencyMs: number | null;
  p95LatencyMs: number | null;
}

export interface ExperimentResults {
  key: string;
  status: string;
  arms: ArmFigures[];
  analysis: ExperimentAnalysis;
  exposuresPerDay: { day: string; variant: number; users: number }[];
}

/**
 * The experiment's guardrails as the analysis takes them. They test per user (one user's requests
 * are correlated): the same rates, summed over users. Shared by the results and the worker's
 * guardrail-only check, so both judge an arm alike.
 */
export function guardrailInputs(experiment: Experiment, rates: readonly UserRates[]): GuardrailInput[] {
  return experiment.guardrails
    .filter((name): name is "bias_flag_rate" | "error_rate" => name === "bias_flag_rate" || name === "error_rate")
    .map((name) => ({
      name,
      perArm: rates.map((arm) => (name === "bias_flag_rate" ? arm.biasFlagRate : arm.errorRate)),
    }));
}

const empty = (variant: number): ArmAggregates => ({
  variant,
  requests: 0,
  answered: 0,
  errors: 0,
  latency: { n: 0, sum: 0, sumSquares: 0, p95: null },
  rating: { n: 0, sum: 0, sumSquares: 0 },
  thumbs: { n: 0, up: 0 },
  flagged: 0,
});

/**
 * An experiment's results: per-arm sums from PostgreSQL, the statistics in TypeScript (lift with
 * intervals, Welch p-values Holm-corrected, chance to win and expected loss, the sample-ratio
 * check against the weights in effect at each exposure, each guardrail's one-sided test against control, and satisfaction CUPED-adjusted by each
 * user's pre-exposure ratings where users have them).
 */
export async function experimentResults(key: string): Promise<ExperimentResults> {
  const experiment = await getExperiment(key);
  const arms = experiment.variants.length;
  // Independent queries, each on its own pooled connection so PostgreSQL runs them side by side:
  // the per-user sums (per-arm, guardrail and CUPED sums, then p95) and the exposures.
  const [{ perArm: sums, perUser: rates, cuped }, weightEpochs, perDay] = await Promise.all([
    experimentArmSums(key, arms),
    exposuresPerWeightEpoch(experiment),
    exposuresPerDay(key),
  ]);
  // Exposed users per arm, whatever split they were exposed under.
  const users = Array.from({ length: arms }, (_, i) => weightEpochs.reduce((sum, epoch) => sum + epoch.users[i]!, 0));
  const perArm = Array.from({ length: arms }, (_, i) => sums.find((s) => s.variant === i) ?? empty(i));
  const proportions = {
    thumbs_up_rate: perArm.map((a) => ({ n: a.thumbs.n, successes: a.thumbs.up })),
    error_rate: perArm.map((a) => ({ n: a.requests, successes: a.errors })),
  };
  const analysis = analyzeExperiment({
    arms: experiment.variants.map((release, i) => ({
      name: release,
      weight: experiment.weights[i] ?? 0,
      users: users[i]!,
    })),
    metrics: [
      {
        name: "satisfaction",
        kind: "mean",
        perArm: perArm.map((a) => a.rating),
        cuped: { covariate: "pre-exposure ratings", perArm: cuped },
      },
      { name: "thumbs_up_rate", kind: "proportion", perArm: proportions.thumbs_up_rate },
      { name: "latency", kind: "mean", higherIsBetter: false, perArm: perArm.map((a) => a.latency) },
      { name: "error_rate", kind: "proportion", higherIsBetter: false, perArm: proportions.error_rate },
    ],
    guardrails: guardrailInputs(experiment, rates),
    // The sample-ratio check compares each split's exposures with the weights in effect then.
    weightEpochs,
  });
  return {
    key,
    status: experiment.status,
    arms: perArm.map((a, i) => ({
      variant: i,
      release: experiment.variants[i]!,
      users: users[i]!,
      requests: a.requests,
      errorRate: a.requests ? a.errors / a.requests : null,
      biasFlagRate: a.answered ? a.flagged / a.answered : null,
      meanLatencyMs: a.latency.n ? a.latency.sum / a.latency.n : null,
      p95LatencyMs: a.latency.p95,
    })),
    analysis,
    exposuresPerDay: perDay,
  };
}
