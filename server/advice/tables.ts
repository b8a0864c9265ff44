import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "../db";
import type { AdviceVersions } from "../agent";
import type { Recommendation } from "../fairness";
import type { ReasonsTrail } from "../reasons";

/** The advice domain's table: every request, as an auditor would want to replay it. */

export interface AdviceSource {
  id: number;
  score: number;
}

export type AdviceStatus = "ok" | "error" | "cancelled";

/** Every advice request, as an auditor would want to replay it. */
export const adviceRequests = pgTable(
  "advice_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: text("channel").$type<"chat" | "api">().notNull(),
    userId: uuid("user_id"),
    partnerId: uuid("partner_id"),
    /** The partner's own user id, as sent in the API body. */
    externalUserId: text("external_user_id"),
    conversationId: uuid("conversation_id").notNull(),
    query: text("query").notNull(),
    status: text("status").$type<AdviceStatus>().notNull(),
    advice: text("advice").notNull().default(""),
    sources: jsonb("sources")
      .$type<AdviceSource[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    biasScore: real("bias_score"),
    biasFlagged: boolean("bias_flagged"),
    biasReasons: jsonb("bias_reasons")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /**
     * What the answer recommends and the amounts and rates it quotes, extracted from `advice` by
     * the record writer (server/fairness/labels). Null on requests stored before labels existed.
     */
    recommendation: text("recommendation").$type<Recommendation>(),
    quotedAmounts: jsonb("quoted_amounts").$type<number[]>(),
    quotedRates: jsonb("quoted_rates").$type<number[]>(),
    /**
     * Which retrieved profiles (by `sources` id) and which of their fields each statement of
     * `advice` relied on (server/reasons); of what was sent, for a stopped or failed answer. Null
     * on requests stored before trails existed.
     */
    reasonsTrail: jsonb("reasons_trail").$type<ReasonsTrail>(),
    /** The release that answered (null on requests from before releases existed). */
    release: text("release"),
    /** The experiment and arm (0 = control) that chose the release; null when no experiment did. */
    experiment: text("experiment"),
    variant: integer("variant"),
    versions: jsonb("versions").$type<Partial<AdviceVersions>>().notNull(),
    timings: jsonb("timings").$type<Record<string, number>>().notNull(),
    /**
     * `timings.totalMs` as a column of its own, kept by PostgreSQL: an index can hold it (it cannot
     * hold a value inside jsonb for an index-only scan), which is what makes results read fast.
     */
    totalMs: doublePrecision("total_ms").generatedAlwaysAs(sql`(timings->>'totalMs')::float8`),
    error: text("error"),
    rating: integer("rating"),
    thumbs: text("thumbs").$type<"up" | "down">(),
    feedbackAt: timestamp("feedback_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index("advice_requests_user_idx").on(table.userId, table.createdAt),
    index("advice_requests_conversation_idx").on(table.conversationId, table.createdAt),
    index("advice_requests_release_idx").on(table.release, table.createdAt),
    // Everything an experiment's results read in one pass, in (arm, user) order: the per-arm sums
    // and the guardrails' per-user sums stream out of an index-only scan without a sort or a hash
    // table (server/advice/experiment-aggregates.ts). The user is the pair of plain columns, not
    // an expression (an index-only scan needs the columns themselves). Drizzle has no INCLUDE, so
    // the other columns are in the key. Requests outside experiments are left out of it.
    index("advice_requests_experiment_idx")
      .on(
        table.experiment,
        table.variant,
        table.userId,
        table.externalUserId,
        table.status,
        table.totalMs,
        table.rating,
        table.thumbs,
        table.biasFlagged,
      )
      .where(sql`${table.experiment} is not null`),
    // Each arm's answered latencies in order, so p95 reads ~5 % of them backwards from the
    // slowest instead of sorting them all (server/advice/experiment-latency-p95.ts).
    index("advice_requests_experiment_latency_idx")
      .on(table.experiment, table.variant, table.totalMs)
      .where(sql`${table.experiment} is not null and ${table.status} = 'ok'`),
    // Rated requests by user, with what CUPED reads (when and how the user rated, and in which
    // experiment): its per-user means are an index-only scan of the ~1 in 5 requests that are rated.
    index("advice_requests_rated_idx")
      .on(table.userId, table.externalUserId, table.feedbackAt, table.rating, table.experiment)
      .where(sql`${table.rating} is not null`),
  ],
);
