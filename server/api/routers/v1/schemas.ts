import { z } from "zod";

/**
 * The partner API's response shapes: the public contract of /api/v1 (and its OpenAPI document).
 * Written out rather than inferred from the domain's types, so a change to what the console reads
 * cannot change what partners receive; every procedure of /api/v1 parses its output with these.
 * Times are ISO 8601 strings (JSON has no dates).
 */

const timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601 date and time");
const nullableTimestamp = timestamp.nullable();

export const versionsSchema = z
  .object({
    embedder: z.string().optional(),
    index: z.string().optional(),
    analyzer: z.string().optional(),
    prompt: z.string().optional(),
    biasPolicy: z.string().optional(),
  })
  .meta({ id: "ComponentVersions", description: "The component versions that answered (or a release is made of)." });

const recommendation = z
  .enum(["proceed", "reconsider", "decline", "none"])
  .meta({ id: "Recommendation", description: "What the advice recommends." });

const bias = z
  .object({ score: z.number(), flagged: z.boolean(), reasons: z.array(z.string()) })
  .meta({ id: "BiasCheck", description: "The bias check of the answer." });

/** POST /advice: unchanged from the hand-written route it replaces (README, Partner API). */
export const adviceAnswerSchema = z
  .object({
    adviceId: z.uuid(),
    advice: z.string(),
    sources: z.array(z.object({ id: z.string(), score: z.number(), text: z.string() })),
    bias,
    recommendation: recommendation.nullable(),
    quotedAmounts: z.array(z.number()),
    quotedRates: z.array(z.number()),
    release: z.string().nullable(),
    experiment: z.string().nullable().describe("The experiment that chose the release, null outside experiments."),
    variant: z.string().describe('The experiment arm ("0" is control), "default" outside experiments.'),
    versions: versionsSchema,
    indexVersion: z.string().optional(),
    latencyMs: z.number(),
  })
  .meta({ id: "AdviceAnswer" });

/** GET /advice/{id}: the stored request (sources without their text, which is not stored). */
export const storedAdviceSchema = z
  .object({
    adviceId: z.uuid(),
    userId: z.string().nullable().describe("The partner's own user id, as sent."),
    query: z.string(),
    status: z.enum(["ok", "error", "cancelled"]),
    advice: z.string(),
    sources: z.array(z.object({ id: z.string(), score: z.number() })),
    bias: bias.nullable(),
    recommendation: recommendation.nullable(),
    quotedAmounts: z.array(z.number()).nullable(),
    quotedRates: z.array(z.number()).nullable(),
    release: z.string().nullable(),
    experiment: z.string().nullable(),
    variant: z.string(),
    versions: versionsSchema,
    feedback: z.object({ rating: z.number().int().nullable(), thumbs: z.enum(["up", "down"]).nullable() }),
    createdAt: timestamp,
  })
  .meta({ id: "StoredAdvice" });

export const feedbackAcceptedSchema = z
  .object({ adviceId: z.uuid(), recorded: z.literal(true) })
  .meta({ id: "FeedbackAccepted" });

const gate = z.object({
  name: z.string(),
  status: z.enum(["passed", "failed", "pending", "not-applicable"]),
  blocking: z.boolean().describe("Whether a failure stops a promotion."),
  reason: z.string(),
});

export const releaseSchema = z
  .object({
    version: z.string(),
    aliases: z.array(z.string()),
    components: versionsSchema,
    changelog: z.string(),
    createdAt: timestamp,
    archived: z.boolean(),
    gates: z.array(gate),
    shadowReplay: z
      .object({ status: z.string(), questions: z.number().int().nullable(), finishedAt: nullableTimestamp })
      .nullable()
      .describe("The latest shadow replay of the release's composition."),
  })
  .meta({ id: "Release" });

export const experimentSchema = z
  .object({
    key: z.string(),
    hypothesis: z.string(),
    variants: z.array(z.string()).describe("Release versions, control first."),
    weights: z.array(z.number()),
    coverage: z.number(),
    primaryMetric: z.string(),
    guardrails: z.array(z.string()),
    status: z.enum(["draft", "running", "stopped"]),
    startedAt: nullableTimestamp,
    stoppedAt: nullableTimestamp,
    stopReason: z.string().nullable(),
    shippedVariant: z.number().int().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "Experiment" });

const armFigures = z.object({
  variant: z.number().int(),
  release: z.string(),
  users: z.number().int(),
  requests: z.number().int(),
  errorRate: z.number().nullable(),
  biasFlagRate: z.number().nullable(),
  meanLatencyMs: z.number().nullable(),
  p95LatencyMs: z.number().nullable(),
});

/** Deep statistical blocks are passed through as the console's results page reads them. */
const statistics = z.record(z.string(), z.unknown());

export const experimentResultsSchema = z
  .object({
    experiment: experimentSchema,
    arms: z.array(armFigures),
    srm: statistics.describe("The sample ratio mismatch check."),
    metrics: z.array(statistics).describe("Each metric's per-arm estimates and comparisons against control."),
    guardrails: z.array(statistics),
    breachedArms: z.array(z.number().int()),
    exposuresPerDay: z.array(z.object({ day: z.string(), variant: z.number().int(), users: z.number().int() })),
  })
  .meta({ id: "ExperimentResults" });

export const fairnessAuditSchema = z
  .object({
    id: z.number().int(),
    release: z.string(),
    status: z.enum(["queued", "running", "passed", "failed", "error"]),
    threshold: z.number().nullable(),
    auditSet: z.string(),
    cases: z.number().int(),
    done: z.number().int(),
    summary: statistics.nullable().describe("Per attribute scores against the threshold, once finished."),
    startedAt: nullableTimestamp,
    finishedAt: nullableTimestamp,
    createdAt: timestamp,
  })
  .meta({ id: "FairnessAudit" });
