import type { Job } from "bullmq";
import { getRelease } from "@/server/registry";
import { promoteIndex, rollbackIndex } from "@/server/releases";
import type { Payload } from "@/server/queues";
import { parsePayload, unlessPermanent } from "./payload";

/**
 * Promotes a version (as a release made from production with it, through the gates), or rolls
 * back to the one active before it. Only operators can reach the queue, so the job acts with an
 * admin's rights in the requester's name.
 */
export async function processPublishIndex(job: Job<Payload<"publish-index">>) {
  const payload = parsePayload("publish-index", job);
  const by = { actor: { email: payload.requestedBy, role: "admin" as const }, reason: payload.reason };
  const result = await unlessPermanent(() =>
    payload.rollback ? rollbackIndex(payload.version, by) : promoteIndex(payload.version ?? "", by),
  );
  const version = (await getRelease(result.release)).indexVersion;
  await job.updateProgress(100);
  await job.log(`published ${version} in release ${result.release}`);
  return { version, release: result.release };
}
