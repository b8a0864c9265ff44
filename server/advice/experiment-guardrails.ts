import {
  analyzeExperiment,
  changeStatus,
  exposuresPerWeightEpoch,
  runningExperiments,
  type Experiment,
  type ExperimentAnalysis,
} from "../experiments";
import { logger } from "../logger";
import { recordSrmPValues } from "../metrics";
import { armAudits } from "./experiment-audit-guardrail";
import { guardrailInputs } from "./experiment-results";
import { userRates } from "./experiment-user-rates";

const log = logger.child("experiment-guardrails");

/**
 * The guardrails alone, as `experimentResults` judges them (same per-user sums, same tests), without
 * what only the page needs: no p95, no CUPED, no exposures per day. One read of the experiment's
 * kept per-user sums; the worker runs it for every running experiment every minute. Its
 * sample-ratio check is the page's too (against the weights in effect at each exposure): it is
 * exported as a gauge, and Prometheus alerts on it.
 */
async function guardrailAnalysis(experiment: Experiment): Promise<ExperimentAnalysis> {
  const arms = experiment.variants.length;
  const [rates, weightEpochs] = await Promise.all([
    userRates(experiment.key, arms),
    exposuresPerWeightEpoch(experiment),
  ]);
  const users = Array.from({ length: arms }, (_, i) => weightEpochs.reduce((sum, epoch) => sum + epoch.users[i]!, 0));
  return analyzeExperiment({
    arms: experiment.variants.map((release, i) => ({
      name: release,
      weight: experiment.weights[i] ?? 0,
      users: users[i]!,
    })),
    metrics: [],
    guardrails: guardrailInputs(experiment, rates),
    weightEpochs,
  });
}

/**
 * Stops every running experiment whose guardrail is breached: a treatment arm's bias-flag (or
 * error) rate significantly above control's, one-sided, or its release failing its counterfactual
 * fairness audit. Stopping sends its users back to
 * production, and the ledger's entry says which arm breached what, with the figures. Returns the
 * keys stopped. The worker runs it every minute, and exports the sample-ratio p-value of each
 * experiment still running (none while it has too few users to test).
 */
export async function enforceGuardrails(): Promise<string[]> {
  const stopped: string[] = [];
  const srm: { experiment: string; pValue: number }[] = [];
  for (const experiment of await runningExperiments()) {
    const [analysis, audits] = await Promise.all([guardrailAnalysis(experiment), armAudits(experiment)]);
    const failedAudits = audits.filter((audit) => audit.breached);
    if (analysis.breachedArms.length === 0 && failedAudits.length === 0) {
      if (analysis.srm.pValue !== null) srm.push({ experiment: experiment.key, pValue: analysis.srm.pValue });
      continue;
    }
    const reasons = [
      ...analysis.guardrails.flatMap((g) =>
        g.arms
          .filter((arm) => arm.breached)
          .map((arm) => `${g.name}, arm ${arm.arm} (${experiment.variants[arm.arm]}): ${arm.reason}`),
      ),
      ...failedAudits.map(
        (audit) =>
          `fairness_audit, arm ${audit.arm} (${audit.release}): audit ${audit.auditId} failed — ${audit.failing.join(", ")}`,
      ),
    ];
    const breachedArms = [...new Set([...analysis.breachedArms, ...failedAudits.map((audit) => audit.arm)])].sort(
      (a, b) => a - b,
    );
    const reason = `guardrail breached — ${reasons.join("; ")}; traffic returns to control`;
    await changeStatus(experiment.key, "stop", {
      actor: "guardrail",
      reason,
      details: { breachedArms },
    });
    log.warn("experiment stopped by its guardrail", { experiment: experiment.key, reasons });
    stopped.push(experiment.key);
  }
  recordSrmPValues(srm);
  return stopped;
}
