import { Counter, Gauge, Histogram } from "prom-client";
import { group } from "./registry";

/**
 * The worker's jobs, by queue (the nine names of server/queues: bounded): each attempt's outcome
 * and duration, and how many jobs wait in each state, read from Redis at every scrape.
 */

export interface QueueDepth {
  queue: string;
  counts: Record<string, number>;
}

/** The states worth watching: work piling up (waiting, delayed), in hand (active), given up on (failed). */
const STATES = ["waiting", "active", "delayed", "failed"] as const;

export const jobMetrics = group("jobs", (registers) => {
  const source: { read: (() => Promise<QueueDepth[] | null>) | null } = { read: null };
  return {
    source,
    attempts: new Counter({
      name: "apfa_jobs_total",
      help: "Job attempts the worker finished, by queue and outcome (completed or failed; a failed attempt may be retried)",
      labelNames: ["queue", "outcome"] as const,
      registers,
    }),
    duration: new Histogram({
      name: "apfa_job_duration_seconds",
      help: "Time a job attempt ran in the worker, by queue and outcome",
      labelNames: ["queue", "outcome"] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    }),
    depth: new Gauge({
      name: "apfa_queue_jobs",
      help: "Jobs in each queue by state (waiting, active, delayed, failed), as Redis holds them",
      labelNames: ["queue", "state"] as const,
      async collect() {
        this.reset();
        // Null: Redis could not be read (the reader logs why). No series beats a stale one.
        for (const { queue, counts } of (await source.read?.()) ?? [])
          for (const state of STATES) this.set({ queue, state }, counts[state] ?? 0);
      },
      registers,
    }),
  };
});

export function observeJob(queue: string, outcome: "completed" | "failed", seconds: number): void {
  const m = jobMetrics();
  m.attempts.inc({ queue, outcome });
  m.duration.observe({ queue, outcome }, seconds);
}

/** The queues hand over how to count their jobs; the gauge reads them at every scrape. */
export function readQueueDepthFrom(read: () => Promise<QueueDepth[] | null>): void {
  jobMetrics().source.read = read;
}
