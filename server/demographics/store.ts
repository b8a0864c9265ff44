import { eq, sql } from "drizzle-orm";
import { users } from "../auth";
import { getDb } from "../db";
import { AppError } from "../errors";
import { logger } from "../logger";
import type { SelfDeclared } from "./attributes";
import { selfDeclaredAttributes } from "./tables";

const log = logger.child("demographics");

export interface StoredSelfDeclared extends SelfDeclared {
  /** When the borrower last saved them; null when they never have (or cleared them). */
  updatedAt: Date | null;
}

const NOTHING: StoredSelfDeclared = {
  sex: null,
  ethnicity: null,
  race: null,
  ageBand: null,
  maritalStatus: null,
  updatedAt: null,
};

/** A borrower's own answers, or all nulls when they gave none. */
export async function getSelfDeclared(userId: string): Promise<StoredSelfDeclared> {
  const [row] = await getDb()
    .select({
      sex: selfDeclaredAttributes.sex,
      ethnicity: selfDeclaredAttributes.ethnicity,
      race: selfDeclaredAttributes.race,
      ageBand: selfDeclaredAttributes.ageBand,
      maritalStatus: selfDeclaredAttributes.maritalStatus,
      updatedAt: selfDeclaredAttributes.updatedAt,
    })
    .from(selfDeclaredAttributes)
    .where(eq(selfDeclaredAttributes.userId, userId));
  return row ?? NOTHING;
}

/**
 * Replaces a borrower's answers with these (a null clears that one). Answering nothing at all
 * removes the row, so "never answered" and "cleared" are the same state.
 */
export async function saveSelfDeclared(userId: string, answers: SelfDeclared): Promise<StoredSelfDeclared> {
  if (Object.values(answers).every((value) => value === null)) {
    await clearSelfDeclared(userId);
    return NOTHING;
  }
  const [account] = await getDb().select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!account) throw new AppError("not_found", `account ${userId} does not exist, so it has no profile to save`);
  const [row] = await getDb()
    .insert(selfDeclaredAttributes)
    .values({ userId, ...answers })
    .onConflictDoUpdate({ target: selfDeclaredAttributes.userId, set: { ...answers, updatedAt: sql`now()` } })
    .returning();
  log.info("self-declared attributes saved", {
    userId,
    answered: Object.entries(answers).flatMap(([key, value]) => (value === null ? [] : [key])),
  });
  return {
    sex: row!.sex,
    ethnicity: row!.ethnicity,
    race: row!.race,
    ageBand: row!.ageBand,
    maritalStatus: row!.maritalStatus,
    updatedAt: row!.updatedAt,
  };
}

/** Removes every answer the borrower gave. */
export async function clearSelfDeclared(userId: string): Promise<void> {
  await getDb().delete(selfDeclaredAttributes).where(eq(selfDeclaredAttributes.userId, userId));
}
