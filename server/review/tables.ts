import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "../db";

/** The review domain's tables: flagged answers waiting for a person's verdict, and every verdict given. */

export const REVIEW_STATUSES = ["open", "confirmed", "dismissed"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * One flagged answer in the queue. The question, the advice and the detector's verdict are copied
 * in when the answer is enqueued: a reviewer judges (and an exported case carries) exactly what
 * was flagged, and the queue needs no join to the advice log to list, filter or export.
 */
export const reviewItems = pgTable(
  "review_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The advice request (advice_requests.id); unique, so an answer enters the queue once. */
    adviceId: uuid("advice_id").notNull().unique(),
    release: text("release"),
    score: real("score").notNull(),
    /** The detector's reasons, as stored with the answer. */
    reasons: jsonb("reasons").$type<string[]>().notNull(),
    question: text("question").notNull(),
    advice: text("advice").notNull(),
    status: text("status").$type<ReviewStatus>().notNull().default("open"),
    /** The reviewer's email the item is assigned to; null when nobody has it. */
    assignee: text("assignee"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    note: text("note"),
    /** The detector's reasons the reviewer marked as correct; null when none were marked. */
    correctReasons: jsonb("correct_reasons").$type<string[]>(),
    createdAt: createdAt(),
  },
  (table) => [
    index("review_items_status_idx").on(table.status, table.createdAt),
    index("review_items_release_idx").on(table.release, table.status),
    check("review_items_status_check", sql`${table.status} in ('open', 'confirmed', 'dismissed')`),
    // A decided item says who decided it, when and why.
    check(
      "review_items_decided_check",
      sql`${table.status} = 'open' or (${table.decidedBy} is not null and ${table.decidedAt} is not null and ${table.note} is not null)`,
    ),
  ],
);

export type ReviewAction = "confirm" | "dismiss" | "assign";

/**
 * Every decision and assignment, one row per item acted on, never changed: the trail behind an
 * item's current status (which is its latest decision), and what the detector's precision is read from.
 */
export const reviewDecisions = pgTable(
  "review_decisions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    itemId: bigint("item_id", { mode: "number" })
      .notNull()
      .references(() => reviewItems.id),
    action: text("action").$type<ReviewAction>().notNull(),
    actor: text("actor").notNull(),
    note: text("note"),
    correctReasons: jsonb("correct_reasons").$type<string[]>(),
    assignee: text("assignee"),
    /** Whether the decision came from a bulk action (over a filter) rather than one item. */
    bulk: boolean("bulk").notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    index("review_decisions_item_idx").on(table.itemId, table.createdAt),
    check("review_decisions_action_check", sql`${table.action} in ('confirm', 'dismiss', 'assign')`),
    check("review_decisions_note_check", sql`${table.action} = 'assign' or ${table.note} is not null`),
  ],
);
