import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../auth";

/**
 * The demographics domain's table: what a borrower chose to state about themselves (see
 * attributes.ts). It is its own domain, not columns of `users` nor of `advice_requests`, because
 * these answers must stay out of everything that answers questions: auth only knows who may sign
 * in, the advice path (server/agent, server/rag, server/llm) never imports this domain, and only
 * the group metrics over logged decisions join it to the answers, by user id.
 */
export const selfDeclaredAttributes = pgTable("self_declared_attributes", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  sex: text("sex"),
  ethnicity: text("ethnicity"),
  race: text("race"),
  ageBand: text("age_band"),
  maritalStatus: text("marital_status"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
