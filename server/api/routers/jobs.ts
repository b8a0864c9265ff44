import { z } from "zod";
import { QUEUE_NAMES, queueOverview, recentJobs, retryJob } from "../../queues";
import { mlProcedure, router } from "../trpc";

const JOB_STATES = ["waiting", "active", "delayed", "completed", "failed"] as const;

export const jobsRouter = router({
  overview: mlProcedure.query(() => queueOverview()),
  recent: mlProcedure
    .input(
      z.object({
        states: z
          .array(z.enum(JOB_STATES))
          .min(1)
          .default([...JOB_STATES]),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ input }) => recentJobs(input)),
  retry: mlProcedure
    .input(z.object({ queue: z.enum(QUEUE_NAMES), id: z.string().min(1) }))
    .mutation(({ input }) => retryJob(input.queue, input.id)),
});
