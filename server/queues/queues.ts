import { Queue, type DefaultJobOptions } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "../env";
import { createRedis } from "../redis";
import type { QueueName } from "./names";

/** Retries with exponential backoff; finished jobs are kept long enough for the console to show them. */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { count: 500, age: 7 * 24 * 3600 },
  removeOnFail: { count: 1000 },
};

type Entry = { queue: Queue; connection: Redis };
const globalForQueues = globalThis as unknown as { apfaQueues?: Map<QueueName, Entry> };

export function getQueue(name: QueueName): Queue {
  globalForQueues.apfaQueues ??= new Map();
  let entry = globalForQueues.apfaQueues.get(name);
  if (!entry) {
    const connection = createRedis(`queue:${name}`);
    entry = { connection, queue: new Queue(name, { connection, prefix: env.APFA_QUEUE_PREFIX, defaultJobOptions }) };
    globalForQueues.apfaQueues.set(name, entry);
  }
  return entry.queue;
}

export async function closeQueues(): Promise<void> {
  const queues = [...(globalForQueues.apfaQueues?.values() ?? [])];
  globalForQueues.apfaQueues = undefined;
  await Promise.all(
    queues.map(async ({ queue, connection }) => {
      await queue.close();
      connection.disconnect();
    }),
  );
}
