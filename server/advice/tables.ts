import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "../db";
import type { AdviceVersions } from "../agent";
import type { Recommendation } from "../fairness";
import type { ReasonsTrail } from "../reasons";
import type { RecordedSpan } from "../tracing";

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
    /** The HTTP request's id (`x-request-id`: the caller's, when sane, or one made for it). */
    requestId: text("request_id"),
    /** The OpenTelemetry trace of the request: find it in the tracing backend (when spans are exported). */
    traceId: text("trace_id"),
    /**
     * The request's spans (serving's decision, each graph node and its children) with start offsets
     * and durations: the console's trace view. Null on requests stored before spans were kept.
     */
    spans: jsonb("spans").$type<RecordedSpan[]>(),
    rating: integer("rating"),
    thumbs: text("thumbs").$type<"up" | "down">(),
    feedbackAt: timestamp("feedback_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index("advice_requests_user_idx").on(table.userId, table.createdAt),
    index("advice_requests_conversation_idx").on(table.conversationId, table.createdAt),
    index("advice_requests_release_idx").on(table.release, table.createdAt),
    // The trace view looks requests up by the id a caller or a log line gives, and lists the
    // newest requests first when nothing narrows the search.
    index("advice_requests_request_id_idx").on(table.requestId),
    index("advice_requests_created_idx").on(table.createdAt),
    // Each arm's answered latencies in order, so p95 reads ~5 % of them backwards from the
    // slowest instead of sorting them all (server/advice/experiment-latency-p95.ts).
    index("advice_requests_experiment_latency_idx")
      .on(table.experiment, table.variant, table.totalMs)
      .where(sql`${table.experiment} is not null and ${table.status} = 'ok'`),
    // Rated requests by user, with what a user's pre-exposure ratings read (when and how the user
    // rated, and in which experiment): an index-only lookup when their first experiment request is stored.
    index("advice_requests_rated_idx")
      .on(table.userId, table.externalUserId, table.feedbackAt, table.rating, table.experiment)
      .where(sql`${table.rating} is not null`),
  ],
);

/**
 * Per experiment, arm and user: the counts and sums an experiment's results read, kept by
 * PostgreSQL as requests are stored, changed and deleted (statement-level triggers on
 * `advice_requests`, migration 0015; ADR 016). Results then read one row per user instead of one
 * per request. `user_key` is who serving hashed: the signed-in user's id, else the partner's user
 * id ('' when a request carries neither). Sums of a user whose requests were all deleted stay as
 * zeros; readers skip rows with no requests.
 */
export const experimentUserSums = pgTable(
  "experiment_user_sums",
  {
    experiment: text("experiment").notNull(),
    variant: integer("variant").notNull(),
    userKey: text("user_key").notNull(),
    requests: integer("requests").notNull().default(0),
    answered: integer("answered").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    flagged: integer("flagged").notNull().default(0),
    /** Answered requests with a latency, and the sums of their latencies (ms) and its squares. */
    latencyN: integer("latency_n").notNull().default(0),
    latencySum: doublePrecision("latency_sum").notNull().default(0),
    latencySumSquares: doublePrecision("latency_sum_squares").notNull().default(0),
    ratingN: integer("rating_n").notNull().default(0),
    ratingSum: doublePrecision("rating_sum").notNull().default(0),
    ratingSumSquares: doublePrecision("rating_sum_squares").notNull().default(0),
    thumbsN: integer("thumbs_n").notNull().default(0),
    thumbsUp: integer("thumbs_up").notNull().default(0),
    /**
     * CUPED's covariate: the ratings the user had given before their exposure, on requests outside
     * this experiment — fixed when their first request in it is stored (nothing given later can be
     * from before the exposure), so results read no old requests.
     */
    preRatingN: integer("pre_rating_n").notNull().default(0),
    preRatingSum: doublePrecision("pre_rating_sum").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.experiment, table.variant, table.userKey] })],
);
