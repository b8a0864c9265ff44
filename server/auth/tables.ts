import { boolean, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../db";
import type { Role } from "./roles";

/** The auth domain's tables: who can sign in, and as what. */

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role").$type<Role>().notNull(),
  /** scrypt hash; null for accounts that only sign in through OIDC. */
  passwordHash: text("password_hash"),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
});
