import { and, desc, eq, isNotNull, ne } from "drizzle-orm";
import { getDb, type Database } from "../db";
import { indexVersions } from "./tables";
import { AppError } from "../errors";

/** The index_versions table: what was built, validated and activated. */

export type IndexVersionRow = typeof indexVersions.$inferSelect;

/** Below this recall@5 against exact search a candidate cannot be promoted. */
export const MIN_RECALL = 0.95;

export async function getIndexVersion(version: string): Promise<IndexVersionRow> {
  const [row] = await getDb().select().from(indexVersions).where(eq(indexVersions.version, version));
  if (!row) throw new AppError("not_found", `no index version ${version}`);
  return row;
}

/** Accepts an unambiguous prefix of at least 8 characters, as people copy versions from the console. */
export async function resolveIndexVersion(versionOrPrefix: string): Promise<IndexVersionRow> {
  if (!/^[0-9a-f]{8,64}$/.test(versionOrPrefix)) {
    throw new AppError("bad_request", `"${versionOrPrefix}" is not an index version (8–64 hex characters)`);
  }
  const rows = (await listIndexVersions()).filter((row) => row.version.startsWith(versionOrPrefix));
  if (rows.length === 0) throw new AppError("not_found", `no index version ${versionOrPrefix}`);
  if (rows.length > 1)
    throw new AppError("bad_request", `${versionOrPrefix} matches ${rows.length} versions; give more characters`);
  return rows[0]!;
}

export async function activeIndexVersion(): Promise<IndexVersionRow | null> {
  const [row] = await getDb().select().from(indexVersions).where(eq(indexVersions.active, true));
  return row ?? null;
}

export async function listIndexVersions(): Promise<IndexVersionRow[]> {
  return getDb().select().from(indexVersions).orderBy(desc(indexVersions.createdAt), desc(indexVersions.version));
}

/** The version active before the current one: what a rollback without a version restores. */
export async function previousActiveVersion(): Promise<IndexVersionRow | null> {
  const [row] = await getDb()
    .select()
    .from(indexVersions)
    .where(and(isNotNull(indexVersions.activatedAt), eq(indexVersions.active, false)))
    .orderBy(desc(indexVersions.activatedAt))
    .limit(1);
  return row ?? null;
}

export async function recordValidation(
  version: string,
  recall: number,
  epsilonRecall: number,
  efSearch: number | null,
): Promise<void> {
  await getDb()
    .update(indexVersions)
    .set({ recall, epsilonRecall, efSearch, validatedAt: new Date() })
    .where(eq(indexVersions.version, version));
}

/** Moves the active flag in one transaction; the partial unique index guarantees a single active row. */
export async function setActiveVersion(version: string, db: Pick<Database, "transaction"> = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(indexVersions)
      .set({ active: false })
      .where(and(eq(indexVersions.active, true), ne(indexVersions.version, version)));
    await tx
      .update(indexVersions)
      .set({ active: true, activatedAt: new Date() })
      .where(eq(indexVersions.version, version));
  });
}
