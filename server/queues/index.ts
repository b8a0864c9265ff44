export { QUEUE_NAMES, type QueueName } from "./names";
export { payloadSchemas, type Payload } from "./payloads";
export { getQueue, closeQueues, defaultJobOptions } from "./queues";
export { enqueue } from "./producers";
export { queueOverview, recentJobs, retryJob, type JobSummary } from "./admin";
export { startHeartbeat, liveWorkers, type WorkerBeat } from "./heartbeat";
