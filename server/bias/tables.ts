import { bigserial, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt } from "../db";

/** The bias domain's tables. */

export const biasAlerts = pgTable("bias_alerts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  modelVersion: text("model_version").notNull(),
  metric: text("metric").notNull(),
  value: real("value").notNull(),
  threshold: real("threshold").notNull(),
  message: text("message").notNull(),
  createdAt: createdAt(),
  acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
});
