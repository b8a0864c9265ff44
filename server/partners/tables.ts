import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../db";

/** The partners domain's tables: API keys (hashed), their scopes and limits, and their use per minute. */

export const partnerKeys = pgTable(
  "partner_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Public, non-secret part of the key, shown in lists so a key can be recognised. */
    prefix: text("prefix").notNull().unique(),
    /** sha256 of the whole key; keys are 32 random bytes, so a slow hash adds nothing. */
    keyHash: text("key_hash").notNull(),
    /** As granted at creation: may hold scopes removed since, which grant nothing (see verifyPartnerKey). */
    scopes: text("scopes").array().$type<string[]>().notNull(),
    /**
     * The key's own rate limit: `rate_limit_points` calls per `rate_limit_seconds`. Both null: the
     * deployment's default (PARTNER_RATE_LIMIT_PER_MINUTE per 60 s), so changing the default moves
     * every key that was never given one.
     */
    rateLimitPoints: integer("rate_limit_points"),
    rateLimitSeconds: integer("rate_limit_seconds"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    check(
      "partner_keys_rate_limit_check",
      sql`(${table.rateLimitPoints} is null and ${table.rateLimitSeconds} is null) or (${table.rateLimitPoints} >= 1 and ${table.rateLimitSeconds} >= 1)`,
    ),
  ],
);

/**
 * Partner calls per key, UTC minute and outcome (`ok`, `rate_limited`, `error`), upserted as each
 * call ends: the Partners page's usage chart, kept in PostgreSQL so it survives restarts and can be
 * audited (docs/decisions/023-partner-rate-limits-and-usage.md).
 */
export const partnerUsage = pgTable(
  "partner_usage",
  {
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerKeys.id, { onDelete: "cascade" }),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    status: text("status").notNull(),
    count: integer("count").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.partnerId, table.minute, table.status] }),
    // The chart reads one key's last 24 h or 7 d: the primary key (partner, minute) serves it.
    check("partner_usage_status_check", sql`${table.status} in ('ok', 'rate_limited', 'error')`),
  ],
);
