import { z } from "zod";
import { biasTrends, decisionsByGroup, detectorEvaluation, evaluateBiasAlerts, MAX_TREND_DAYS } from "../../advice";
import { acknowledgeBiasAlert, listBiasAlerts } from "../../bias";
import { mlProcedure, router } from "../trpc";

/** Bias monitoring, as the console's Bias page reads it. */
export const biasRouter = router({
  /** Alerts, newest first (acknowledged ones stay, as history). */
  alerts: mlProcedure.query(() => listBiasAlerts()),
  /** Bias score and flag rate per release per UTC day. */
  trends: mlProcedure
    .input(
      z
        .object({
          release: z.string().min(1, "release: name a release").optional(),
          days: z.number().int().min(1).max(MAX_TREND_DAYS).default(30),
        })
        .default({ days: 30 }),
    )
    .query(({ input }) => biasTrends(input)),
  /**
   * Evaluates the alert rules now, as the worker does every 15 minutes: after a rollout, a fix or
   * an acknowledgement the on-call person need not wait for the schedule. Returns the alerts it
   * raised; an alert already stored for its window is not raised again.
   */
  evaluate: mlProcedure.mutation(() => evaluateBiasAlerts()),
  /** A person acknowledges an alert; the note says why (required). */
  ack: mlProcedure
    .input(
      z.object({
        id: z.number().int().positive(),
        note: z.string().trim().min(1, "note: say why the alert is acknowledged").max(2000),
      }),
    )
    .mutation(({ ctx, input }) => acknowledgeBiasAlert(input.id, { actor: ctx.user.email, note: input.note })),
  /**
   * The detector a release runs (production's by default), measured on the shipped labelled set:
   * precision, recall, F1 and the confusion counts, overall and on the held-out round.
   */
  detectorEval: mlProcedure
    .input(z.object({ release: z.string().min(1, "release: name a release").optional() }).default({}))
    .query(({ input }) => detectorEvaluation(input)),
  /** Favorable answers per self-declared group, per release, with the four-fifths flag. */
  decisionsByGroup: mlProcedure.query(() => decisionsByGroup()),
});
