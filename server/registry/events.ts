import { z } from "zod";
import { env } from "../env";

/**
 * The Redis contract between whoever moves a release alias (the releases domain: console, CLI,
 * start-up) and the web instances that serve it. A message only says "look again": instances read
 * the release from the database, never from the message, and reconcile with the database on a
 * timer in case a message was missed. Channel names carry the queue prefix so that test runs
 * sharing one Redis do not hear each other.
 */
export const releaseChannel = () => `${env.APFA_QUEUE_PREFIX}:release:moved`;
export const releaseAckChannel = () => `${env.APFA_QUEUE_PREFIX}:release:ack`;
/** Hash of instance id → its latest release ack, for the console's fleet view. */
export const releaseFleetKey = () => `${env.APFA_QUEUE_PREFIX}:release:fleet`;

export const releaseMovedSchema = z.object({
  alias: z.string().min(1),
  release: z.string().min(1),
  /** The ledger entry of the move, so an ack can be matched to it. */
  at: z.string(),
});
export type ReleaseMoved = z.infer<typeof releaseMovedSchema>;

export const releaseAckSchema = z.object({
  instance: z.string().min(1),
  /** The production release this instance now serves ("" while it serves none). */
  release: z.string(),
  ok: z.boolean(),
  /** Milliseconds from receiving the message to serving the release (loading its engines included). */
  loadMs: z.number(),
  error: z.string().optional(),
  at: z.string(),
});
export type ReleaseAck = z.infer<typeof releaseAckSchema>;
