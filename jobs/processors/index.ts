import type { Job } from "bullmq";
import type { QueueName } from "@/server/queues";
import { processBuildIndex, processEmbed, processPublishIndex, processValidateIndex } from "./index-jobs";
import { processIngest } from "./ingest";

/** One processor per queue; the worker refuses to start if a queue has none (checked by the type). */
export const processors: Record<QueueName, (job: Job) => Promise<unknown>> = {
  ingest: processIngest,
  embed: processEmbed,
  "build-index": processBuildIndex,
  "validate-index": processValidateIndex,
  "publish-index": processPublishIndex,
};
