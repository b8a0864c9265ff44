import type { Job } from "bullmq";
import { raiseAuditFailedAlert } from "@/server/bias";
import { AlreadyClaimed, queueMissingAudits, runFairnessAudit } from "@/server/fairness-audits";
import type { Payload } from "@/server/queues";
import { parsePayload, unlessPermanent } from "./payload";

/** Who the nightly sweep names as the requester of the production audits it queues (server/fairness-audits). */
const NIGHTLY_REQUESTER = "schedule:nightly";

/** Runs one recorded fairness audit, or sweeps for releases that need one (every minute, and nightly for production). */
export async function processFairnessAudit(job: Job<Payload<"fairness-audit">>) {
  const payload = parsePayload("fairness-audit", job);
  if (payload.auditId === undefined) {
    const queued = await queueMissingAudits({ production: payload.sweep === "nightly" });
    if (queued.length) await job.log(`queued fairness audits ${queued.join(", ")}`);
    return { queued };
  }
  const auditId = payload.auditId;
  const row = await unlessPermanent(() =>
    runFairnessAudit(auditId).catch((error: unknown) => {
      // Someone waiting for the verdict (`fairness audit --wait`, `index promote`) ran it already.
      if (error instanceof AlreadyClaimed) return null;
      throw error;
    }),
  );
  if (!row) {
    await job.log(`audit ${auditId} was run by another process`);
    return { auditId, skipped: true };
  }
  await job.updateProgress(100);
  const failing = Object.entries(row.summary?.attributes ?? {})
    .filter(([, score]) => !score.passed)
    .map(([attribute, score]) => `${attribute} ${score.score.toFixed(3)}`);
  await job.log(
    `${row.done} cases of ${row.auditSet}: ${row.status}` +
      (failing.length ? ` (over threshold: ${failing.join(", ")})` : ""),
  );
  // A nightly audit of production that fails is a bias alert: production already serves borrowers.
  if (row.status === "failed" && row.requestedBy === NIGHTLY_REQUESTER) {
    const alert = await raiseAuditFailedAlert({
      id: row.id,
      release: row.release,
      threshold: row.threshold,
      error: row.error,
      failing: Object.entries(row.summary?.attributes ?? {})
        .filter(([, score]) => !score.passed)
        .map(([attribute, score]) => ({ attribute, score: score.score })),
    });
    if (alert) await job.log(`raised bias alert ${alert.id}`);
  }
  return { auditId: row.id, release: row.release, status: row.status };
}
