import { z } from "zod";
import { reasonsOfAdvice } from "../../advice";
import {
  assignInput,
  assignReviewItem,
  bulkInput,
  bulkReview,
  decideInput,
  decideReviewItem,
  listReviewItems,
  reviewFilterSchema,
  reviewPrecision,
} from "../../review";
import { mlProcedure, router } from "../trpc";

/** The review queue of flagged answers: the console's Bias → Review queue. */
export const reviewRouter = router({
  list: mlProcedure
    .input(
      z.object({
        filter: reviewFilterSchema.default({}),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ input }) => listReviewItems(input.filter, input)),
  decide: mlProcedure.input(decideInput).mutation(({ ctx, input }) => decideReviewItem(input, ctx.user.email)),
  assign: mlProcedure.input(assignInput).mutation(({ ctx, input }) => assignReviewItem(input, ctx.user.email)),
  bulk: mlProcedure.input(bulkInput).mutation(({ ctx, input }) => bulkReview(input, ctx.user.email)),
  /** Why the flagged answer said what it did: its stored reasons trail (reviewers read any answer's). */
  reasons: mlProcedure
    .input(z.object({ adviceId: z.string().trim().uuid("adviceId must be an advice request's id (a UUID)") }))
    .query(({ input }) => reasonsOfAdvice(input.adviceId)),
  /** The detector's precision from reviewers' decisions, overall and per release. */
  precision: mlProcedure.query(() => reviewPrecision()),
});
