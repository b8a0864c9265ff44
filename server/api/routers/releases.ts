import { z } from "zod";
import { metricsByRelease, releaseOfAdvice } from "../../advice";
import { aliasTimeline, PRODUCTION } from "../../registry";
import {
  aliasPermission,
  approveRelease,
  createReleaseForReview,
  evaluateGates,
  listReleaseViews,
  promoteRelease,
  promotionPolicy,
  requestShadowReplay,
  rollbackRelease,
} from "../../releases";
import { adminProcedure, mlProcedure, router, userOrPartnerProcedure } from "../trpc";

/** Read-only procedures partners may call too, with a key carrying `registry:read`. */
const readProcedure = userOrPartnerProcedure("ml_engineer", "registry:read");

const version = z.string().trim().min(1, "version is required");
const part = z.string().trim().min(1).optional();
const reason = z.string().trim().min(3, "reason: say why in a few words (kept in the ledger)").max(1_000);

/**
 * Releases as the console's Releases page reads and changes them. Who may move which alias is the
 * releases domain's rule (production needs an admin, or an ML engineer with a second person's
 * approval; rollback is for admins): these procedures admit the lowest role that may ever do it.
 */
export const releasesRouter = router({
  /** Every release, highest first, with its aliases, gates, latest shadow replay and approvals. */
  list: readProcedure.query(() => listReleaseViews()),

  /** A release's gates evaluated now (artifacts re-hashed), as the promote dialog shows them before anyone confirms. */
  gates: readProcedure.input(z.object({ version })).query(({ input }) => evaluateGates(input.version, { fresh: true })),

  /** The promotion policy, and what the caller may do with it (the page explains a refusal before it happens). */
  policy: mlProcedure.query(({ ctx }) => {
    const policy = promotionPolicy();
    return {
      policy,
      you: {
        email: ctx.user.email,
        role: ctx.user.role,
        production: aliasPermission(ctx.user.role, PRODUCTION, policy.fourEyes),
        rollback: ctx.user.role === "admin",
      },
    };
  }),

  /** Live metrics per release from the stored advice requests. */
  metrics: readProcedure.query(() => metricsByRelease()),

  /** Every move of `production` (or another alias), newest first, from the ledger. */
  timeline: readProcedure
    .input(z.object({ alias: z.string().trim().min(1).default(PRODUCTION) }).optional())
    .query(({ input }) => aliasTimeline(input?.alias ?? PRODUCTION)),

  /** Which release answered a stored advice request. Not for partners: it reads any partner's or borrower's request. */
  ofAdvice: mlProcedure
    .input(z.object({ adviceId: z.string().trim().uuid("adviceId must be an advice request's id (a UUID)") }))
    .query(({ input }) => releaseOfAdvice(input.adviceId)),

  create: mlProcedure
    .input(
      z.object({
        version,
        from: part,
        embedder: part,
        index: part,
        analyzer: part,
        prompt: part,
        biasPolicy: part,
        changelog: z.string().trim().min(1, "changelog: say what changed in this release").max(2_000),
      }),
    )
    .mutation(({ ctx, input }) => createReleaseForReview(input, ctx.user.email)),

  promote: mlProcedure
    .input(
      z.object({
        version,
        alias: z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9-]{0,31}$/, 'alias: 1–32 lowercase letters, digits or "-", starting with a letter')
          .optional(),
        /** The release the person saw on the alias: a move since then is a conflict naming the winner. */
        expected: z.string().trim().min(1).nullable(),
        reason,
        /** An admin's override of failing gates; the reason is the recorded justification. */
        override: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => promoteRelease({ ...input, actor: ctx.user })),

  rollback: adminProcedure
    .input(z.object({ version: version.optional(), expected: z.string().trim().min(1).nullable().optional(), reason }))
    .mutation(({ ctx, input }) => rollbackRelease({ ...input, actor: ctx.user })),

  approve: mlProcedure
    .input(z.object({ version, note: z.string().trim().max(1_000).optional() }))
    .mutation(({ ctx, input }) => approveRelease({ ...input, note: input.note || undefined, actor: ctx.user })),

  requestShadowReplay: mlProcedure
    .input(z.object({ version, questions: z.number().int().min(1).max(10_000).optional() }))
    .mutation(({ ctx, input }) => requestShadowReplay({ ...input, actor: ctx.user.email })),
});
