import { eq } from "drizzle-orm";
import { getDb } from "../db";
import { users } from "./tables";
import { env } from "../env";
import { logger } from "../logger";
import { hashPassword, verifyPassword } from "./password";
import type { Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "borrower@apfa.local", name: "Demo Borrower", role: "borrower" },
  { email: "ml@apfa.local", name: "Demo ML Engineer", role: "ml_engineer" },
  { email: "admin@apfa.local", name: "Demo Admin", role: "admin" },
];

const log = logger.child("auth");

function toSessionUser(row: typeof users.$inferSelect): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Returns the user for a correct email and password, or null; never says which part was wrong. */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const [row] = await getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!row?.passwordHash) return null;
  if (row.isDemo && !env.demoAccountsEnabled) {
    log.warn("demo account sign-in refused: demo accounts are disabled in production", { email: row.email });
    return null;
  }
  return (await verifyPassword(password, row.passwordHash)) ? toSessionUser(row) : null;
}

/** OIDC sign-ins: first sign-in creates a borrower; an admin can raise the role later. */
export async function upsertOidcUser(email: string, name: string): Promise<SessionUser> {
  const normalized = email.trim().toLowerCase();
  const [row] = await getDb()
    .insert(users)
    .values({ email: normalized, name, role: "borrower" })
    .onConflictDoUpdate({ target: users.email, set: { name } })
    .returning();
  if (!row) throw new Error(`could not store OIDC user ${normalized}`);
  return toSessionUser(row);
}

/** Creates or refreshes the demo accounts with the configured password (idempotent). */
export async function ensureDemoAccounts(): Promise<number> {
  if (!env.demoAccountsEnabled) return 0;
  const passwordHash = await hashPassword(env.APFA_DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    await getDb()
      .insert(users)
      .values({ ...account, passwordHash, isDemo: true })
      .onConflictDoUpdate({ target: users.email, set: { passwordHash, role: account.role, isDemo: true } });
  }
  return DEMO_ACCOUNTS.length;
}
