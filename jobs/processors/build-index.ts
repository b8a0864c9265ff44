import type { Job } from "bullmq";
import { buildCandidate } from "@/server/index-store/pipeline";
import { enqueue, type Payload } from "@/server/queues";
import { parsePayload, unlessPermanent } from "./payload";

/** Builds a candidate index from the stored embeddings, then queues its validation. */
export async function processBuildIndex(job: Job<Payload<"build-index">>) {
  const payload = parsePayload("build-index", job);
  await job.log(`building a ${payload.kind} index`);
  const manifest = await unlessPermanent(() => buildCandidate(payload.kind, payload.requestedBy));
  await job.updateProgress(100);
  await job.log(`built ${manifest.version} (${manifest.vectors} vectors, ${manifest.buildMs} ms)`);
  const next = await enqueue("validate-index", { requestedBy: payload.requestedBy, version: manifest.version });
  await job.log(`queued validate-index job ${next.id}`);
  return { version: manifest.version, kind: manifest.kind, vectors: manifest.vectors, validateJobId: next.id };
}
