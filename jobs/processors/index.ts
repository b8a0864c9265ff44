import type { Job } from "bullmq";
import type { QueueName } from "@/server/queues";
import { processBuildIndex } from "./build-index";
import { processEmbed } from "./embed";
import { processIngest } from "./ingest";
import { processPublishIndex } from "./publish-index";
import { processShadowReplay } from "./shadow-replay";
import { processExperimentGuardrails } from "./experiment-guardrails";
import { processFairnessAudit } from "./fairness-audit";
import { processValidateIndex } from "./validate-index";
import { processBiasAlerts } from "./bias-alerts";
import { meteredProcessors } from "./metered";

/**
 * One processor per queue; the worker refuses to start if a queue has none (checked by the type).
 * Each attempt is counted and timed by queue (./metered).
 */
export const processors: Record<QueueName, (job: Job) => Promise<unknown>> = meteredProcessors({
  ingest: processIngest,
  embed: processEmbed,
  "build-index": processBuildIndex,
  "validate-index": processValidateIndex,
  "publish-index": processPublishIndex,
  "shadow-replay": processShadowReplay,
  "experiment-guardrails": processExperimentGuardrails,
  "fairness-audit": processFairnessAudit,
  "bias-alerts": processBiasAlerts,
});
