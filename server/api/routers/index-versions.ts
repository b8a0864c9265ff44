import { z } from "zod";
import { recordAudit } from "../../audit";
import {
  activationHistory,
  listIndexVersions,
  previousActiveVersion,
  promotionBlocker,
  resolveIndexVersion,
} from "../../index-store";
import { getRelease } from "../../registry";
import { promoteIndex, rollbackIndex } from "../../releases";
import { fleet } from "../../index-store";
import { annTriggers } from "../../index-store";
import { corpusStats } from "../../ingest";
import { enqueue, jobLogs, recentJobs } from "../../queues";
import { mlProcedure, router } from "../trpc";

const INDEX_QUEUES = ["embed", "build-index", "validate-index", "publish-index"] as const;

const reason = z.string().trim().min(3, "say why in a few words (kept in the audit log)").max(500);
const version = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8,64}$/, "an index version is 8–64 hex characters");

/** The console's Index page: versions, the fleet, migration triggers, jobs, and the actions on them. */
export const indexRouter = router({
  versions: mlProcedure.query(async () => {
    const [rows, previous, activations] = await Promise.all([
      listIndexVersions(),
      previousActiveVersion(),
      activationHistory(),
    ]);
    return Promise.all(
      rows.map(async (row) => ({
        version: row.version,
        kind: row.kind,
        embedderVersion: row.embedderVersion,
        vectors: row.vectors,
        recall: row.recall,
        /** ann-benchmarks' ε-recall@5 (ε = 0.01); shown, not gated on. Null if validated before it was measured. */
        epsilonRecall: row.epsilonRecall,
        efSearch: row.efSearch,
        buildMs: row.manifest.buildMs,
        sizeBytes: (row.manifest.sizes?.index ?? 0) + (row.manifest.sizes?.ids ?? 0),
        active: row.active,
        createdBy: row.createdBy,
        createdAt: row.createdAt,
        activatedAt: row.activatedAt,
        validatedAt: row.validatedAt,
        /** Why it cannot be promoted (the server's own rule), or null. */
        promotionBlocker: row.active ? "already the active version" : await promotionBlocker(row),
        /** What "roll back to previous" restores. */
        previousActive: row.version === previous?.version,
        /** Each time it was promoted or rolled back to, newest first, with the reason given. */
        history: activations
          .filter((activation) => activation.version === row.version)
          .map(({ action, actor, reason, at, previous: replaced }) => ({ action, actor, reason, at, replaced })),
      })),
    );
  }),
  corpus: mlProcedure.query(() => corpusStats()),
  fleet: mlProcedure.query(() => fleet()),
  triggers: mlProcedure.query(() => annTriggers()),
  jobs: mlProcedure.query(() =>
    recentJobs({ states: ["active", "waiting", "delayed", "completed", "failed"], limit: 20, queues: INDEX_QUEUES }),
  ),
  jobLogs: mlProcedure
    .input(z.object({ queue: z.enum(INDEX_QUEUES), id: z.string().min(1) }))
    .query(({ input }) => jobLogs(input.queue, input.id)),

  build: mlProcedure.input(z.object({ kind: z.enum(["exact", "hnsw"]), reason })).mutation(async ({ ctx, input }) => {
    const job = await enqueue("embed", { requestedBy: ctx.user.email, build: "always", ...input });
    await recordAudit({ actor: ctx.user.email, action: "index.build", target: input.kind, reason: input.reason });
    return job;
  }),
  validate: mlProcedure.input(z.object({ version, reason })).mutation(async ({ ctx, input }) => {
    const row = await resolveIndexVersion(input.version);
    const job = await enqueue("validate-index", {
      requestedBy: ctx.user.email,
      version: row.version,
      reason: input.reason,
    });
    await recordAudit({ actor: ctx.user.email, action: "index.validate", target: row.version, reason: input.reason });
    return job;
  }),
  // Shorthand for a release made from production with this index, through the release gates and
  // the role matrix (production: admins, or ML engineers with a second person's approval).
  promote: mlProcedure.input(z.object({ version, reason })).mutation(async ({ ctx, input }) => {
    const result = await promoteIndex(input.version, { actor: ctx.user, reason: input.reason });
    return { version: (await getRelease(result.release)).indexVersion, release: result.release };
  }),
  rollback: mlProcedure.input(z.object({ version: version.optional(), reason })).mutation(async ({ ctx, input }) => {
    const result = await rollbackIndex(input.version, { actor: ctx.user, reason: input.reason });
    return { version: (await getRelease(result.release)).indexVersion, release: result.release };
  }),
});
