import type { Experiment } from "../experiments";
import { failingAttributes } from "../fairness";
import { latestAuditOf } from "../fairness-audits";

/** One treatment arm's release held to its counterfactual fairness audit. */
export interface ArmAudit {
  arm: number;
  release: string;
  auditId: number | null;
  status: "none" | "queued" | "running" | "passed" | "failed" | "error";
  /** Attributes whose score exceeded the threshold, e.g. "sex 0.412 > 0.3". */
  failing: string[];
  breached: boolean;
}

/**
 * The fairness audit as a guardrail of every treatment arm: an arm whose release failed its
 * counterfactual audit is breached whatever its live figures say (it answers differently when
 * only a protected attribute changes). An arm not yet audited, or whose audit could not run, is
 * not breached: the audit gate still stands before that release reaches production.
 */
export async function armAudits(experiment: Pick<Experiment, "variants">): Promise<ArmAudit[]> {
  return Promise.all(
    experiment.variants.slice(1).map(async (release, i) => {
      const audit = await latestAuditOf(release);
      const failing = failingAttributes(audit?.summary).map(
        ({ attribute, score }) => `${attribute} ${score.toFixed(3)} > ${audit?.threshold ?? "?"}`,
      );
      return {
        arm: i + 1,
        release,
        auditId: audit?.id ?? null,
        status: audit?.status ?? "none",
        failing,
        breached: audit?.status === "failed",
      };
    }),
  );
}
