import type { Job } from "bullmq";
import { failingAttributes } from "@/server/fairness";
import { AlreadyClaimed, queueMissingAudits, runFairnessAudit } from "@/server/fairness-audits";
import type { Payload } from "@/server/queues";
import { parsePayload, unlessPermanent } from "./payload";

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
  const failing = failingAttributes(row.summary).map(({ attribute, score }) => `${attribute} ${score.toFixed(3)}`);
  await job.log(
    `${row.done} cases of ${row.auditSet}: ${row.status}` +
      (failing.length ? ` (over threshold: ${failing.join(", ")})` : ""),
  );
  return { auditId: row.id, release: row.release, status: row.status };
}
