import { Counter, Gauge } from "prom-client";
import { group } from "./registry";

/**
 * Experiments: users exposed per arm, and the sample-ratio-mismatch p-value of each running
 * experiment. Experiment keys and arms are created by people: bounded.
 */

/**
 * How long a p-value stands after the guardrail run that computed it. The run repeats every
 * minute on one of the workers; with several workers each holds only the runs it did, and an
 * experiment that stopped must leave every worker's gauge, not linger at its last value.
 */
export const SRM_FRESH_MS = 5 * 60_000;

export const experimentMetrics = group("experiments", (registers) => {
  const srm = { at: 0, values: [] as { experiment: string; pValue: number }[] };
  return {
    srm,
    exposures: new Counter({
      name: "apfa_experiment_exposures_total",
      help: "Users exposed to an experiment for the first time, by experiment and arm (variant 0 is control)",
      labelNames: ["experiment", "variant"] as const,
      registers,
    }),
    srmPValue: new Gauge({
      name: "apfa_experiment_srm_p_value",
      help: "Sample-ratio-mismatch p-value (chi-square of users per arm against the weights) of each running experiment, from the worker's last guardrail run",
      labelNames: ["experiment"] as const,
      collect() {
        this.reset();
        if (Date.now() - srm.at > SRM_FRESH_MS) return;
        for (const { experiment, pValue } of srm.values) this.set({ experiment }, pValue);
      },
      registers,
    }),
  };
});

export function countExposure(experiment: string, variant: number): void {
  experimentMetrics().exposures.inc({ experiment, variant: String(variant) });
}

/** The p-values of one guardrail run over every running experiment; they replace the last run's. */
export function recordSrmPValues(values: { experiment: string; pValue: number }[], at = Date.now()): void {
  const { srm } = experimentMetrics();
  srm.at = at;
  srm.values = values;
}
