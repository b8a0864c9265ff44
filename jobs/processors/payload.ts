import { UnrecoverableError, type Job } from "bullmq";
import { AppError, describeZodError } from "@/server/errors";
import { payloadSchemas, type QueueName } from "@/server/queues";

/**
 * What every processor does first and around its one server call: a payload that fails its
 * queue's schema, or an error a retry cannot fix (bad input, an unknown version, a conflict such
 * as a candidate below the recall bar), fails the job at once instead of being retried.
 */

const PERMANENT = new Set(["bad_request", "not_found", "conflict"]);

export function parsePayload<Q extends QueueName>(queue: Q, job: Job) {
  const payload = payloadSchemas[queue].safeParse(job.data);
  if (!payload.success)
    throw new UnrecoverableError(`bad ${queue} payload: ${describeZodError(payload.error).message}`);
  return payload.data as ReturnType<(typeof payloadSchemas)[Q]["parse"]>;
}

export async function unlessPermanent<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && PERMANENT.has(error.code)) throw new UnrecoverableError(error.message);
    throw error;
  }
}
