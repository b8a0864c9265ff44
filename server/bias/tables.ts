import { sql } from "drizzle-orm";
import { bigserial, jsonb, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "../db";
import type { BiasAlertKind } from "./alert-rules";

/** The bias domain's tables. */

/**
 * A fairness alert on a release (server/bias/alert-rules.ts says when each kind is raised). Raised
 * once per (kind, release, window): the unique index turns a second evaluation of the same window
 * into nothing. Acknowledging records who, when and why; the row stays, as history.
 */
export const biasAlerts = pgTable(
  "bias_alerts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").$type<BiasAlertKind>().notNull(),
    /** The release the alert is about (the column keeps its old name: a release is the served model version). */
    modelVersion: text("model_version").notNull(),
    /** What makes this alert the same as another: the UTC day evaluated (YYYY-MM-DD) or `audit:<id>`. */
    window: text("window_key").notNull(),
    metric: text("metric").notNull(),
    value: real("value").notNull(),
    threshold: real("threshold").notNull(),
    message: text("message").notNull(),
    /** The figures the rule compared, for whoever reviews the alert. */
    details: jsonb("details")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by"),
    acknowledgeNote: text("acknowledge_note"),
  },
  (table) => [uniqueIndex("bias_alerts_once_idx").on(table.kind, table.modelVersion, table.window)],
);
