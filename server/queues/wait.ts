import { QueueEvents } from "bullmq";
import { env } from "../env";
import { AppError } from "../errors";
import { createRedis } from "../redis";
import type { QueueName } from "./names";
import { getQueue } from "./queues";

/** Waits for a job to finish and returns its result; a failed job throws its reason. */
export async function waitForJob<T = unknown>(queue: QueueName, id: string, timeoutMs: number): Promise<T> {
  const connection = createRedis(`wait:${queue}`, { blocking: true });
  const events = new QueueEvents(queue, { connection, prefix: env.APFA_QUEUE_PREFIX });
  try {
    await events.waitUntilReady();
    const job = await getQueue(queue).getJob(id);
    if (!job) throw new AppError("not_found", `no job ${id} in queue ${queue}`);
    return (await job.waitUntilFinished(events, timeoutMs)) as T;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("internal", `${queue} job ${id}: ${(error as Error).message}`);
  } finally {
    await events.close();
    connection.disconnect();
  }
}
