import { z } from "zod";
import type { QueueName } from "./names";

const indexVersion = z.string().regex(/^[0-9a-f]{8,64}$/, "must be an index version (8–64 hex characters)");
const reason = z.string().trim().max(500, "must be at most 500 characters").optional();

/** zod payloads shared by producer and consumer: a job is validated when enqueued and again when run. */
export const payloadSchemas = {
  ingest: z.object({
    file: z.string().min(1, "file is required"),
    source: z.string().min(1).optional(),
    requestedBy: z.string().min(1),
  }),
  /** Re-embeds new and changed documents; `build` chains a candidate build (always, or only if anything changed). */
  embed: z.object({
    requestedBy: z.string().min(1),
    build: z.enum(["always", "if-changed", "never"]).default("never"),
    kind: z.enum(["exact", "hnsw"]).default("exact"),
    reason,
  }),
  "build-index": z.object({
    requestedBy: z.string().min(1),
    kind: z.enum(["exact", "hnsw"]),
    reason,
  }),
  "validate-index": z.object({ requestedBy: z.string().min(1), version: indexVersion, reason }),
  "publish-index": z
    .object({
      requestedBy: z.string().min(1),
      /** Absent only for a rollback: the version active before the current one. */
      version: indexVersion.optional(),
      rollback: z.boolean().default(false),
      reason,
    })
    .refine((payload) => payload.rollback || payload.version, {
      message: "a version is required unless rolling back",
      path: ["version"],
    }),
  /** Replays recent production questions through a candidate release (server/releases/shadow). */
  "shadow-replay": z.object({ requestedBy: z.string().min(1), replayId: z.number().int().positive() }),
  /** Stops running experiments whose fairness (or error) guardrail is breached (server/advice). */
  "experiment-guardrails": z.object({ requestedBy: z.string().min(1) }),
  /**
   * Runs one recorded fairness audit (server/fairness-audits), or sweeps: queues an audit for every
   * release that has none of its current composition, and with `nightly` the production release's.
   */
  "fairness-audit": z
    .object({
      requestedBy: z.string().min(1),
      auditId: z.number().int().positive().optional(),
      sweep: z.enum(["missing", "nightly"]).optional(),
    })
    .refine((payload) => (payload.auditId === undefined) !== (payload.sweep === undefined), {
      message: "either an auditId or a sweep, not both",
      path: ["auditId"],
    }),
  /** Evaluates the bias alert rules over the stored answers and raises what they find (server/advice). */
  "bias-alerts": z.object({ requestedBy: z.string().min(1) }),
} satisfies Record<QueueName, z.ZodType>;

export type Payload<Q extends QueueName> = z.input<(typeof payloadSchemas)[Q]>;
