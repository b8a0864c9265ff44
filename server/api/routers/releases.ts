import { z } from "zod";
import { metricsByRelease, releaseOfAdvice } from "../../advice";
import {
  aliasTimeline,
  componentsOf,
  createRelease,
  listReleaseAliases,
  listReleases,
  PRODUCTION,
} from "../../registry";
import { mlProcedure, router, userOrPartnerProcedure } from "../trpc";

/** Read-only procedures partners may call too, with a key carrying `registry:read`. */
const readProcedure = userOrPartnerProcedure("ml_engineer", "registry:read");

const part = z.string().trim().min(1).optional();

/** Releases as the console's Releases page reads and changes them. */
export const releasesRouter = router({
  list: readProcedure.query(async () => {
    const [rows, aliases] = await Promise.all([listReleases(), listReleaseAliases()]);
    return rows.map((row) => ({
      version: row.version,
      aliases: aliases.filter((alias) => alias.release === row.version).map((alias) => alias.alias),
      components: componentsOf(row),
      changelog: row.changelog,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    }));
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
        version: z.string().trim().min(1, "version is required"),
        from: part,
        embedder: part,
        index: part,
        analyzer: part,
        prompt: part,
        biasPolicy: part,
        changelog: z.string().trim().min(1, "changelog: say what changed in this release").max(2_000),
      }),
    )
    .mutation(({ ctx, input }) => createRelease(input, ctx.user.email)),
});
