import { z } from "zod";
import type { QueueName } from "./names";

/** zod payloads shared by producer and consumer: a job is validated when enqueued and again when run. */
export const payloadSchemas = {
  ingest: z.object({
    file: z.string().min(1, "file is required"),
    source: z.string().min(1).optional(),
    requestedBy: z.string().min(1),
  }),
} satisfies Record<QueueName, z.ZodType>;

export type Payload<Q extends QueueName> = z.infer<(typeof payloadSchemas)[Q]>;
