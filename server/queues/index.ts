export { QUEUE_NAMES, type QueueName } from "./names";
export { payloadSchemas, type Payload } from "./payloads";
export { getQueue, closeQueues, defaultJobOptions } from "./queues";
export { enqueue } from "./producers";
export { queueOverview, recentJobs, retryJob, jobLogs, type JobSummary } from "./admin";
export { exportQueueDepth } from "./depth-metrics";
export { startHeartbeat, liveWorkers, type WorkerBeat } from "./heartbeat";
export { waitForJob } from "./wait";
export {
  scheduleBiasAlertChecks,
  scheduleFairnessAudits,
  scheduleGuardrailChecks,
  scheduleIndexRefresh,
} from "./schedule";
