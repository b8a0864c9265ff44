import { jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../db";

/** The experiments domain's tables. */

export type ExperimentStatus = "draft" | "running" | "stopped";

export const experiments = pgTable("experiments", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  status: text("status").$type<ExperimentStatus>().notNull().default("draft"),
  variants: jsonb("variants").$type<{ name: string; modelVersion: string; weight: number }[]>().notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
});
