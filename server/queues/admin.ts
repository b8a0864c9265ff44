import type { Job, JobType } from "bullmq";
import { AppError } from "../errors";
import { QUEUE_NAMES, type QueueName } from "./names";
import { getQueue } from "./queues";

/** What the Jobs console shows: counts per queue, recent jobs, failures, and retry. */

export interface JobSummary {
  id: string;
  queue: QueueName;
  name: string;
  state: string;
  attemptsMade: number;
  progress: unknown;
  failedReason: string | null;
  data: unknown;
  createdAt: number;
  /** A delayed job (a scheduled refresh, a retry's backoff): when it becomes due. */
  runsAt: number | null;
  finishedAt: number | null;
}

const COUNTED: JobType[] = ["waiting", "active", "delayed", "completed", "failed"];

export async function queueOverview() {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => ({ name, counts: await getQueue(name).getJobCounts(...COUNTED) })),
  );
}

async function summarize(queue: QueueName, job: Job): Promise<JobSummary> {
  const state = await job.getState();
  return {
    id: job.id ?? "",
    queue,
    name: job.name,
    state,
    attemptsMade: job.attemptsMade,
    progress: job.progress,
    failedReason: job.failedReason || null,
    data: job.data,
    createdAt: job.timestamp,
    runsAt: state === "delayed" ? job.timestamp + job.delay : null,
    finishedAt: job.finishedOn ?? null,
  };
}

export async function recentJobs(options: {
  states: JobType[];
  limit: number;
  queues?: readonly QueueName[];
}): Promise<JobSummary[]> {
  const perQueue = await Promise.all(
    (options.queues ?? QUEUE_NAMES).map(async (name) => {
      const jobs = await getQueue(name).getJobs(options.states, 0, options.limit - 1, false);
      return Promise.all(jobs.filter(Boolean).map((job) => summarize(name, job)));
    }),
  );
  return perQueue
    .flat()
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, options.limit);
}

export async function retryJob(queue: QueueName, id: string): Promise<void> {
  const job = await getQueue(queue).getJob(id);
  if (!job) throw new AppError("not_found", `no job ${id} in queue ${queue}`);
  const state = await job.getState();
  if (state !== "failed") throw new AppError("conflict", `job ${id} is ${state}; only failed jobs can be retried`);
  await job.retry("failed");
}

/** A job's log lines (what the job wrote with job.log), oldest first. */
export async function jobLogs(queue: QueueName, id: string, limit = 200): Promise<string[]> {
  return (await getQueue(queue).getJobLogs(id, 0, limit - 1, true)).logs;
}
