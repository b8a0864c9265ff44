import { z } from "zod";
import { adviceHistory, feedbackInput, recordFeedback } from "../../advice";
import { borrowerProcedure, router } from "../trpc";

export const adviceRouter = router({
  history: borrowerProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => adviceHistory(ctx.user.id, input.limit)),
  feedback: borrowerProcedure.input(feedbackInput).mutation(({ ctx, input }) => recordFeedback(ctx.user.id, input)),
});
