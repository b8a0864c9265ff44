import type { Job } from "bullmq";
import type { QueueName } from "@/server/queues";
import { withRequestContext } from "@/server/request-context";
import { ATTR, SpanKind, withSpan } from "@/server/tracing";

/**
 * A queue's processor as one span per job (named by its queue), with the job named in every log
 * line it writes. A job's failure marks its span and is rethrown for BullMQ to retry or fail it.
 */
export function traced(queue: QueueName, process: (job: Job) => Promise<unknown>): (job: Job) => Promise<unknown> {
  return (job) =>
    withRequestContext({ job: `${queue}:${job.id}` }, () =>
      withSpan(
        `job ${queue}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            [ATTR.messagingSystem]: "bullmq",
            [ATTR.messagingDestination]: queue,
            ...(job.id !== undefined ? { [ATTR.messagingMessageId]: job.id } : {}),
            "apfa.job.attempt": job.attemptsMade + 1,
          },
        },
        () => process(job),
      ),
    );
}
