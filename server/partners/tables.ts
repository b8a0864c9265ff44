import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../db";

/** The partners domain's tables: API keys (hashed) and their scopes. */

export const partnerKeys = pgTable("partner_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Public, non-secret part of the key, shown in lists so a key can be recognised. */
  prefix: text("prefix").notNull().unique(),
  /** sha256 of the whole key; keys are 32 random bytes, so a slow hash adds nothing. */
  keyHash: text("key_hash").notNull(),
  /** As granted at creation: may hold scopes removed since, which grant nothing (see verifyPartnerKey). */
  scopes: text("scopes").array().$type<string[]>().notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
