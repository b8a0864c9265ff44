import type { Job } from "bullmq";
import { embedAll } from "@/server/index-store/pipeline";
import { loanDocumentSource } from "@/server/ingest";
import { enqueue, type Payload } from "@/server/queues";
import { parsePayload } from "./payload";

/** Re-embeds new and changed documents, then queues a candidate build if asked to. */
export async function processEmbed(job: Job<Payload<"embed">>) {
  const payload = parsePayload("embed", job);
  const report = await embedAll(loanDocumentSource, async (done, total) => {
    await job.updateProgress(Math.round((done / total) * 100));
  });
  await job.log(
    `embedded ${report.embedded}, reused ${report.reused}, ${report.unchanged} of ${report.batches} batches unchanged`,
  );
  const changed = report.embedded > 0 || report.reused > 0;
  if (payload.build === "never" || (payload.build === "if-changed" && !changed)) return { ...report, buildJobId: null };
  const next = await enqueue("build-index", {
    requestedBy: payload.requestedBy,
    kind: payload.kind,
    reason: payload.reason,
  });
  await job.log(`queued build-index job ${next.id}`);
  return { ...report, buildJobId: next.id };
}
