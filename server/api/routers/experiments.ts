import { z } from "zod";
import { changeStatus, createExperiment, experimentInputSchema, listExperiments } from "../../experiments";
import { mlProcedure, router } from "../trpc";

const reason = z.string().trim().min(3, "say why in a few words (kept in the audit log)").max(500);

/** A/B experiments between releases: the console's Experiments page. */
export const experimentsRouter = router({
  list: mlProcedure.query(() => listExperiments()),
  create: mlProcedure
    .input(experimentInputSchema)
    .mutation(({ ctx, input }) => createExperiment(input, ctx.user.email)),
  start: mlProcedure
    .input(z.object({ key: z.string().min(1), reason }))
    .mutation(({ ctx, input }) => changeStatus(input.key, "start", { actor: ctx.user.email, reason: input.reason })),
  stop: mlProcedure
    .input(z.object({ key: z.string().min(1), reason }))
    .mutation(({ ctx, input }) => changeStatus(input.key, "stop", { actor: ctx.user.email, reason: input.reason })),
});
