import { z } from "zod";
import { CONTROLS, PROTECTED_ATTRIBUTES } from "../../fairness";
import {
  auditPairs,
  getFairnessAudit,
  judgePair,
  judgePairInput,
  listFairnessAudits,
  nextBlindPair,
  pairAgreement,
  requestFairnessAudit,
  revealPair,
} from "../../fairness-audits";
import { mlProcedure, router } from "../trpc";

const auditId = z.number().int().positive("auditId is a positive integer (an audit's id)");
const pairId = z.number().int().positive("pairId is a positive integer (an audit pair's id)");
const swap = z.enum([...PROTECTED_ATTRIBUTES, ...CONTROLS]);

/** Counterfactual fairness audits of releases: the console's Bias → Audits and Bias → Blinded pair review. */
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
  /** The caller's next unjudged pair of an audit, blinded (Answer A / Answer B, persona withheld). */
  blindPair: mlProcedure
    .input(z.object({ auditId }))
    .query(({ ctx, input }) => nextBlindPair(input.auditId, ctx.user.email)),
  /** The caller's judgement of a pair, once; returns the pair revealed. */
  judgePair: mlProcedure.input(judgePairInput).mutation(({ ctx, input }) => judgePair(input, ctx.user.email)),
  /** A pair revealed, to a caller who has judged it. */
  revealPair: mlProcedure
    .input(z.object({ pairId }))
    .query(({ ctx, input }) => revealPair(input.pairId, ctx.user.email)),
  /** Reviewers' agreement on blind judgements, per audit and overall (or of one audit). */
  pairAgreement: mlProcedure
    .input(z.object({ auditId: auditId.optional() }).optional())
    .query(({ input }) => pairAgreement({ auditId: input?.auditId })),
});
