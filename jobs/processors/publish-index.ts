import type { Job } from "bullmq";
import { publishIndex, rollbackIndex } from "@/server/index-store";
import type { Payload } from "@/server/queues";
import { parsePayload, unlessPermanent } from "./payload";

/** Promotes a version, or rolls back to the one active before it. */
export async function processPublishIndex(job: Job<Payload<"publish-index">>) {
  const payload = parsePayload("publish-index", job);
  const by = { actor: payload.requestedBy, reason: payload.reason };
  const message = await unlessPermanent(() =>
    payload.rollback ? rollbackIndex(payload.version, by) : publishIndex(payload.version ?? "", by),
  );
  await job.updateProgress(100);
  await job.log(`published ${message.version}`);
  return message;
}
