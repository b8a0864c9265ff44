import { z } from "zod";
import { armAudits, experimentResults } from "../../advice";
import {
  changeStatus,
  createExperiment,
  experimentInputSchema,
  getExperiment,
  listExperiments,
  stopEntryOf,
  updateWeights,
} from "../../experiments";
import { shipExperimentArm } from "../../releases";
import { mlProcedure, router } from "../trpc";

const key = z.string().trim().min(1, "key is required");
const reason = z.string().trim().min(3, "say why in a few words (kept in the audit log)").max(500);

/**
 * A/B experiments between releases: the console's Experiments page. Shipping an arm is a
 * promotion to production: the releases domain decides who may (an admin, or an ML engineer with
 * a second person's approval of that release), so `ship` admits the lowest role that ever may.
 */
export const experimentsRouter = router({
  list: mlProcedure.query(() => listExperiments()),
  create: mlProcedure
    .input(experimentInputSchema)
    .mutation(({ ctx, input }) => createExperiment(input, ctx.user.email)),
  start: mlProcedure
    .input(z.object({ key, reason }))
    .mutation(({ ctx, input }) => changeStatus(input.key, "start", { actor: ctx.user.email, reason: input.reason })),
  stop: mlProcedure
    .input(z.object({ key, reason }))
    .mutation(({ ctx, input }) => changeStatus(input.key, "stop", { actor: ctx.user.email, reason: input.reason })),
  /** A new split (users already exposed keep their arm); refused for a stopped experiment. */
  setWeights: mlProcedure
    .input(z.object({ key, weights: z.array(z.number()).min(2, "give one weight per arm"), reason }))
    .mutation(({ ctx, input }) =>
      updateWeights(input.key, input.weights, { actor: ctx.user.email, reason: input.reason }),
    ),

  /**
   * Live results: per-arm figures, the statistics against control, the SRM check, the guardrails,
   * exposures per day per arm (the chart), the experiment itself and how it stopped (the ledger's
   * entry: a guardrail, or a ship).
   */
  results: mlProcedure.input(z.object({ key })).query(async ({ input }) => {
    const experiment = await getExperiment(input.key);
    const [results, stop, audits] = await Promise.all([
      experimentResults(input.key),
      stopEntryOf(input.key),
      armAudits(experiment),
    ]);
    return { ...results, experiment, stop, audits };
  }),

  /** Promotes the arm's release through the release gates, then stops the experiment saying it shipped. */
  ship: mlProcedure
    .input(
      z.object({
        key,
        variant: z.number({ message: "variant must be an arm's number" }).int("variant must be a whole number").min(0),
        reason,
        /** An admin's override of failing gates; the reason is the recorded justification. */
        override: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => shipExperimentArm({ ...input, actor: ctx.user })),
});
