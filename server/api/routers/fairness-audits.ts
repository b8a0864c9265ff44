import { z } from "zod";
import { CONTROLS, PROTECTED_ATTRIBUTES } from "../../fairness";
import { auditPairs, getFairnessAudit, listFairnessAudits, requestFairnessAudit } from "../../fairness-audits";
import { mlProcedure, router } from "../trpc";

const auditId = z.number().int().positive();
const swap = z.enum([...PROTECTED_ATTRIBUTES, ...CONTROLS]);

/** Counterfactual fairness audits of releases: the console's Bias → Audits. */
export const fairnessAuditsRouter = router({
  list: mlProcedure
    .input(z.object({ release: z.string().min(1).optional() }).optional())
    .query(({ input }) => listFairnessAudits({ release: input?.release })),
  get: mlProcedure.input(z.object({ id: auditId })).query(({ input }) => getFairnessAudit(input.id)),
  pairs: mlProcedure
    .input(
      z.object({
        id: auditId,
        swap: swap.optional(),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ input }) => auditPairs(input.id, input)),
  request: mlProcedure
    .input(z.object({ release: z.string().min(1, "name the release to audit") }))
    .mutation(({ ctx, input }) => requestFairnessAudit({ version: input.release, actor: ctx.user.email })),
});
