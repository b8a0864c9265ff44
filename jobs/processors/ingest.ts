import type { Job } from "bullmq";
import { ingestFile } from "@/server/ingest";
import type { Payload } from "@/server/queues";
import { parsePayload, unlessPermanent } from "./payload";

/** Stores the loans of a file as profile documents; a missing file or bad rows will not fix themselves on retry. */
export async function processIngest(job: Job<Payload<"ingest">>) {
  const payload = parsePayload("ingest", job);
  return unlessPermanent(() => ingestFile(payload.file, { source: payload.source }));
}
