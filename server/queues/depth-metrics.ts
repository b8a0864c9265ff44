import { logger } from "../logger";
import { readQueueDepthFrom } from "../metrics";
import { queueOverview } from "./admin";

const log = logger.child("queue-metrics");

/**
 * Exports how many jobs wait in each queue (server/metrics: apfa_queue_jobs), read from Redis at
 * every scrape. The worker does it; with several workers, each reports the same shared queues.
 */
export function exportQueueDepth(): void {
  readQueueDepthFrom(async () => {
    try {
      return (await queueOverview()).map(({ name, counts }) => ({ queue: name, counts }));
    } catch (error) {
      log.error("queue depths could not be read for the metrics scrape", { error });
      return null;
    }
  });
}
