import type { Job } from "bullmq";
import { observeJob } from "@/server/metrics";

type Processor = (job: Job) => Promise<unknown>;

/**
 * Each queue's processor with its attempts counted and timed (server/metrics: apfa_jobs_total,
 * apfa_job_duration_seconds), by queue and outcome. A failed attempt counts as failed even when
 * BullMQ retries it: the failures are what an on-call wants to see climbing.
 */
export function meteredProcessors<Q extends string>(processors: Record<Q, Processor>): Record<Q, Processor> {
  const entries = Object.entries(processors) as [Q, Processor][];
  return Object.fromEntries(
    entries.map(([queue, process]) => [
      queue,
      async (job: Job) => {
        const started = performance.now();
        try {
          const result = await process(job);
          observeJob(queue, "completed", (performance.now() - started) / 1000);
          return result;
        } catch (error) {
          observeJob(queue, "failed", (performance.now() - started) / 1000);
          throw error;
        }
      },
    ]),
  ) as Record<Q, Processor>;
}
