import { z } from "zod";
import { env } from "../../env";

/**
 * The Redis pub/sub contract between publishers (the worker, the CLI) and web instances.
 * Messages are JSON checked with zod on receipt: nothing from Redis is ever evaluated.
 * Channel names carry the queue prefix (`apfa` by default) so that test runs sharing one
 * Redis do not hear each other.
 */
export const swapChannel = () => `${env.APFA_QUEUE_PREFIX}:index:swap`;
export const ackChannel = () => `${env.APFA_QUEUE_PREFIX}:index:ack`;
/** Hash of instance id → its latest ack, for the console's fleet view. */
export const fleetKey = () => `${env.APFA_QUEUE_PREFIX}:index:fleet`;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 hex characters");

export const swapMessageSchema = z.object({
  version: hex64,
  /** sha256 of the version's manifest.json, which pins the sha256 of every other file. */
  sha256: hex64,
  uri: z.string().min(1),
});
export type SwapMessage = z.infer<typeof swapMessageSchema>;

export const ackMessageSchema = z.object({
  instance: z.string().min(1),
  version: z.string(),
  ok: z.boolean(),
  loadMs: z.number(),
  error: z.string().optional(),
  at: z.string(),
});
export type AckMessage = z.infer<typeof ackMessageSchema>;
