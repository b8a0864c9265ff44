import { integer, jsonb, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt } from "../db";

/**
 * The experiments domain's tables: experiments between releases (the first variant is control),
 * and each user's sticky assignment, whose row is also the exposure (written once, the first time
 * the user is served in the experiment).
 */

export type ExperimentStatus = "draft" | "running" | "stopped";

/** A slice of a namespace: experiments whose slices of the same namespace do not overlap never share a user. */
export interface NamespaceRange {
  id: string;
  start: number;
  end: number;
}

export const experiments = pgTable("experiments", {
  key: text("key").primaryKey(),
  hypothesis: text("hypothesis").notNull().default(""),
  /** Release versions, control first. */
  variants: jsonb("variants").$type<string[]>().notNull(),
  weights: jsonb("weights").$type<number[]>().notNull(),
  coverage: real("coverage").notNull().default(1),
  seed: text("seed").notNull(),
  hashVersion: integer("hash_version").notNull().default(2),
  primaryMetric: text("primary_metric").notNull().default("satisfaction"),
  guardrails: jsonb("guardrails").$type<string[]>().notNull(),
  namespace: jsonb("namespace").$type<NamespaceRange>(),
  status: text("status").$type<ExperimentStatus>().notNull().default("draft"),
  startedAt: timestamp("started_at", { withTimezone: true }),
  stoppedAt: timestamp("stopped_at", { withTimezone: true }),
  stopReason: text("stop_reason"),
  shippedVariant: integer("shipped_variant"),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
});

export const experimentAssignments = pgTable(
  "experiment_assignments",
  {
    experiment: text("experiment")
      .notNull()
      .references(() => experiments.key),
    userId: text("user_id").notNull(),
    variant: integer("variant").notNull(),
    /** When the user was first served in the experiment: the exposure. */
    exposedAt: timestamp("exposed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.experiment, table.userId] })],
);
