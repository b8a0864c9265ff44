import { z } from "zod";
import {
  feedbackInput,
  partnerAdvice,
  partnerAdviceInput,
  recordPartnerFeedback,
  runAdvice,
  type AdviceResult,
} from "../../../advice";
import { AppError } from "../../../errors";
import { currentRequestContext } from "../../../request-context";
import { annotateActiveSpan, answeredAttributes } from "../../../tracing";
import { partnerProcedure, router } from "../../trpc";
import { adviceAnswerSchema, feedbackAcceptedSchema, storedAdviceSchema } from "./schemas";

/** Partner keys with the `advice` scope, served as REST at `rest` (method, path, summary). */
const adviceProcedure = (method: "GET" | "POST", path: `/${string}`, summary: string) =>
  partnerProcedure("advice", { method, path, summary, tags: ["advice"], protect: true });
const adviceId = z.uuid("id must be an advice request's id (a UUID)");

/** The answer as POST /api/v1/advice has always returned it (README, Partner API). */
function answerOf(result: AdviceResult): z.input<typeof adviceAnswerSchema> {
  return {
    adviceId: result.adviceId,
    advice: result.advice,
    sources: result.sources.map(({ id, score, text }) => ({ id: String(id), score, text })),
    bias: {
      score: result.bias?.score ?? 0,
      flagged: result.bias?.flagged ?? false,
      reasons: result.bias?.reasons ?? [],
    },
    recommendation: result.label.recommendation,
    quotedAmounts: result.label.amounts,
    quotedRates: result.label.rates,
    release: result.release,
    experiment: result.experiment?.key ?? null,
    variant: result.experiment ? String(result.experiment.variant) : "default",
    versions: result.versions,
    indexVersion: result.versions.index,
    latencyMs: result.latencyMs,
  };
}

/** Partners' advice: ask, read back one of their own answers, and rate it. */
export const v1AdviceRouter = router({
  create: adviceProcedure("POST", "/advice", "Ask for loan advice on one of your users' questions")
    .input(partnerAdviceInput)
    .output(adviceAnswerSchema)
    .mutation(async ({ ctx, input, signal }) => {
      const result = await runAdvice(
        {
          question: input.query,
          channel: "api",
          partnerId: ctx.partner.id,
          externalUserId: input.userId,
          requestId: currentRequestContext()?.requestId,
        },
        { signal: signal ?? ctx.signal },
      );
      annotateActiveSpan(answeredAttributes(result));
      if (result.status !== "ok") throw new AppError("unavailable", result.error ?? "the advisor is unavailable");
      return answerOf(result);
    }),

  get: adviceProcedure("GET", "/advice/{id}", "Read one of your advice requests back")
    .input(z.object({ id: adviceId }))
    .output(storedAdviceSchema)
    .query(async ({ ctx, input }) => {
      const row = await partnerAdvice(ctx.partner.id, input.id);
      return {
        adviceId: row.adviceId,
        userId: row.userId,
        query: row.query,
        status: row.status,
        advice: row.advice,
        sources: row.sources.map(({ id, score }) => ({ id: String(id), score })),
        bias:
          row.biasScore === null
            ? null
            : { score: row.biasScore, flagged: row.biasFlagged ?? false, reasons: row.biasReasons },
        recommendation: row.recommendation,
        quotedAmounts: row.quotedAmounts,
        quotedRates: row.quotedRates,
        release: row.release,
        experiment: row.experiment,
        variant: row.variant === null ? "default" : String(row.variant),
        versions: row.versions,
        feedback: { rating: row.rating, thumbs: row.thumbs },
        createdAt: row.createdAt.toISOString(),
      };
    }),

  feedback: adviceProcedure(
    "POST",
    "/advice/{adviceId}/feedback",
    "Rate one of your advice answers (1–5) and/or give it a thumbs up or down",
  )
    .input(feedbackInput)
    .output(feedbackAcceptedSchema)
    .mutation(async ({ ctx, input }) => {
      await recordPartnerFeedback(ctx.partner.id, input);
      return { adviceId: input.adviceId, recorded: true as const };
    }),
});
