import { asc, desc, gt, gte, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "../db";
import { entryHash, GENESIS_HASH } from "./chain";
import { auditLog } from "./tables";

/** Who did what to which thing, and why: the trail a bank's auditor reads. */
export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  reason?: string;
  details?: Record<string, unknown>;
}

/** The database or a transaction of it: a caller may write its entry inside its own transaction. */
type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type AuditWriter = Database | Transaction;

/**
 * Every writer takes this transaction-scoped advisory lock before reading the last hash, so
 * entries are chained one after another across connections and processes; it is released when
 * the writing transaction ends. The key is fixed: "audit" in ASCII.
 */
const LEDGER_LOCK = 0x6175646974;

async function lockLedger(tx: Transaction): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK}::bigint)`);
}

const BATCH = 500;

/**
 * Appends an entry to the ledger, chained to the last one. Inside a caller's transaction (pass
 * it as `db`) the entry is written with that transaction and the ledger stays locked until it ends.
 */
export async function recordAudit(entry: AuditEntry, db: AuditWriter = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    await lockLedger(tx);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    // An unchained tail can only be entries from before the ledger whose backfill has not run yet.
    const prevHash = !last ? GENESIS_HASH : (last.hash ?? (await chainUnchained(tx)));
    // The database's clock, so entries from every instance share one; whole milliseconds, as hashed.
    const { rows } = await tx.execute<{ ms: number }>(
      sql`select floor(extract(epoch from clock_timestamp()) * 1000)::float8 as ms`,
    );
    const at = new Date(rows[0]!.ms);
    // Hashed as it will read back from jsonb: JSON values only (undefined dropped, dates as strings).
    const details = JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>;
    const content = { ...entry, reason: entry.reason ?? null, details, at, prevHash };
    await tx.insert(auditLog).values({ ...content, hash: entryHash(content) });
  });
}

/**
 * Chains, in id order, the entries whose hash is NULL (written before the ledger existed), each
 * after the entry before it; the one update the database allows on audit_log. Returns the hash
 * of the last entry walked. The caller holds the ledger lock.
 */
async function chainUnchained(tx: Transaction): Promise<string> {
  const [first] = await tx
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(isNull(auditLog.hash))
    .orderBy(asc(auditLog.id))
    .limit(1);
  const [before] = first
    ? await tx
        .select({ hash: auditLog.hash })
        .from(auditLog)
        .where(lt(auditLog.id, first.id))
        .orderBy(desc(auditLog.id))
        .limit(1)
    : [];
  let prevHash = before?.hash ?? GENESIS_HASH;
  if (!first) return prevHash;
  let after = first.id - 1;
  for (;;) {
    const rows = await tx.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(BATCH);
    for (const row of rows) {
      if (row.hash === null) {
        const hash = entryHash({ ...row, prevHash });
        await tx
          .update(auditLog)
          .set({ prevHash, hash })
          .where(sql`${auditLog.id} = ${row.id}`);
        prevHash = hash;
      } else prevHash = row.hash;
      after = row.id;
    }
    if (rows.length < BATCH) return prevHash;
  }
}

/**
 * The one-time backfill: chains the entries an installation wrote before the ledger existed.
 * Run after the migrations (`setup`, `db migrate`); does nothing once they are chained.
 * Returns how many entries it chained.
 */
export async function chainLegacyAuditEntries(): Promise<number> {
  return getDb().transaction(async (tx) => {
    await lockLedger(tx);
    const [unchained] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(isNull(auditLog.hash));
    const count = unchained?.count ?? 0;
    if (count > 0) await chainUnchained(tx);
    return count;
  });
}

export interface LedgerVerdict {
  ok: boolean;
  /** Entries checked: all of them when intact, up to and including the first broken one otherwise. */
  entries: number;
  firstBroken: { id: number; reason: string } | null;
}

/**
 * Walks the ledger in id order (the order it was written in, under the lock), recomputing each
 * entry's hash and checking it links to the entry before. Names the first entry that fails.
 * A changed entry fails its own hash; a removed one breaks its successor's link. Entries removed
 * from the end leave no trace in the chain itself (see docs/decisions/013).
 */
export async function verifyLedger(db: Database = getDb()): Promise<LedgerVerdict> {
  let prev: { id: number; hash: string } | null = null;
  let entries = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gte(auditLog.id, after + 1))
      .orderBy(asc(auditLog.id))
      .limit(BATCH);
    for (const row of rows) {
      entries++;
      const broken = (reason: string): LedgerVerdict => ({ ok: false, entries, firstBroken: { id: row.id, reason } });
      if (row.hash === null || row.prevHash === null) {
        return broken("entry is not chained (written before the ledger; `npm run cli -- db migrate` chains it)");
      }
      if (entryHash({ ...row, prevHash: row.prevHash }) !== row.hash) {
        return broken("hash does not match the entry's content: the entry was changed after it was written");
      }
      const expected = prev?.hash ?? GENESIS_HASH;
      if (row.prevHash !== expected) {
        return broken(
          prev
            ? `prev_hash does not match the hash of entry ${prev.id}: an entry between them was removed or changed`
            : "prev_hash of the first entry is not the genesis hash: earlier entries were removed",
        );
      }
      prev = { id: row.id, hash: row.hash };
      after = row.id;
    }
    if (rows.length < BATCH) return { ok: true, entries, firstBroken: null };
  }
}
