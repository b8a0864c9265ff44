import { AppError } from "../errors";
import { changeStatus, getExperiment, type Experiment } from "../experiments";
import { logger } from "../logger";
import type { Actor } from "./permissions";
import { promoteRelease, type PromotionResult } from "./promote";

const log = logger.child("releases");

export interface ShipExperimentInput {
  key: string;
  /** The arm to ship (0 is control). */
  variant: number;
  reason: string;
  /** An admin's override of failing gates, as on the Releases page; `reason` is the justification. */
  override?: boolean;
  actor: Actor;
}

export interface ShipExperimentResult {
  promotion: PromotionResult;
  /** The experiment as it is after the ship: stopped with `shippedVariant`, unless it was not running. */
  experiment: Experiment;
}

/**
 * Ships an experiment's arm: its release goes to production through the same gates, approvals and
 * compare-and-set as any promotion (so the CLI and the console cannot disagree on who may ship
 * what), then the running experiment stops with `{ shipped: variant }` in the ledger, which sends
 * its users to the new production. The promotion comes first: if the gates refuse it, the
 * experiment keeps running and nothing has changed.
 */
export async function shipExperimentArm(input: ShipExperimentInput): Promise<ShipExperimentResult> {
  const experiment = await getExperiment(input.key);
  const last = experiment.variants.length - 1;
  if (!Number.isInteger(input.variant) || input.variant < 0 || input.variant > last) {
    throw new AppError("bad_request", `variant must be an arm of ${input.key}: 0 to ${last}, not '${input.variant}'`, {
      field: "variant",
      allowed: [0, last],
    });
  }
  const release = experiment.variants[input.variant]!;
  const promotion = await promoteRelease({
    version: release,
    reason: `experiment ${input.key}, arm ${input.variant}: ${input.reason}`,
    override: input.override,
    actor: input.actor,
  });
  if (experiment.status !== "running") return { promotion, experiment };
  try {
    const stopped = await changeStatus(input.key, "stop", {
      actor: input.actor.email,
      reason: `shipped arm ${input.variant} (${release}): ${input.reason}`,
      details: { shipped: input.variant },
    });
    return { promotion, experiment: stopped };
  } catch (error) {
    // Production has moved already; the experiment stopping under us (its guardrail, someone else)
    // is the only expected way here, and the ledger has both entries. Say so rather than hide it.
    log.error("experiment shipped but not stopped", { experiment: input.key, variant: input.variant, error });
    throw error;
  }
}
