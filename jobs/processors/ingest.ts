import { UnrecoverableError, type Job } from "bullmq";
import { AppError } from "@/server/errors";
import { ingestFile } from "@/server/ingest";
import { payloadSchemas, type Payload } from "@/server/queues";

export async function processIngest(job: Job<Payload<"ingest">>) {
  const payload = payloadSchemas.ingest.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad ingest payload: ${payload.error.message}`);
  try {
    return await ingestFile(payload.data.file, { source: payload.data.source });
  } catch (error) {
    // A missing file or bad input will not fix itself on retry.
    if (error instanceof AppError && error.code === "bad_request") throw new UnrecoverableError(error.message);
    throw error;
  }
}
