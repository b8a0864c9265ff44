import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The audit domain's table: an append-only, hash-chained trail of who did what, and why.
 * `hash` is the sha256 of the entry's content and `prev_hash` (server/audit/chain.ts); both are
 * NULL only on entries written before the ledger existed, until the one-time backfill chains them.
 * The database refuses UPDATE, DELETE and TRUNCATE (triggers in db/migrations/0003_audit_ledger.sql).
 */

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    reason: text("reason"),
    details: jsonb("details")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (table) => [
    index("audit_log_at_idx").on(table.at),
    // One successor per entry: a second writer that skipped the lock could not fork the chain.
    uniqueIndex("audit_log_prev_hash_idx").on(table.prevHash),
  ],
);
