import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { getDb, getPool } from "../db";
import { auditLog, chainLegacyAuditEntries, entryHash, recordAudit, verifyLedger } from ".";

const entriesOf = (target: string) =>
  getDb().select().from(auditLog).where(eq(auditLog.target, target)).orderBy(asc(auditLog.id));

/** Runs `work` on one connection inside a transaction that holds the ledger's lock (as writers do). */
async function asOwner(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await getPool().connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(x'6175646974'::bigint)");
    await work(client);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Changes a row behind the ledger's back, as someone with the table owner's rights could: the
 * append-only trigger switched off for the length of one transaction.
 */
const tamper = (statement: string, params: unknown[]) =>
  asOwner(async (client) => {
    await client.query("alter table audit_log disable trigger audit_log_append_only");
    await client.query(statement, params);
    await client.query("alter table audit_log enable trigger audit_log_append_only");
  });

describe("audit ledger", () => {
  it("chains each entry to the one before it", async () => {
    const target = `ledger-${randomUUID()}`;
    for (const action of ["test.one", "test.two", "test.three"]) {
      await recordAudit({ actor: "test", action, target, details: { n: action.length } });
    }
    const entries = await entriesOf(target);
    expect(entries.map((entry) => entry.action)).toEqual(["test.one", "test.two", "test.three"]);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    for (const entry of entries) expect(entryHash({ ...entry, prevHash: entry.prevHash! })).toBe(entry.hash);
    expect(await verifyLedger()).toMatchObject({ ok: true, firstBroken: null });
  });

  it("keeps one chain when 20 entries are written at once", async () => {
    const target = `ledger-${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordAudit({ actor: `writer-${i}`, action: "test.concurrent", target })),
    );
    const entries = await entriesOf(target);
    expect(entries).toHaveLength(20);
    expect(new Set(entries.map((entry) => entry.prevHash)).size).toBe(20);
    const verdict = await verifyLedger();
    expect(verdict).toMatchObject({ ok: true, firstBroken: null });
    expect(verdict.entries).toBeGreaterThanOrEqual(20);
  });

  it("writes an entry within the caller's transaction, and not when it rolls back", async () => {
    const target = `ledger-${randomUUID()}`;
    await expect(
      getDb().transaction(async (tx) => {
        await recordAudit({ actor: "test", action: "test.rolled-back", target }, tx);
        throw new Error("the caller's work failed");
      }),
    ).rejects.toThrow("the caller's work failed");
    await getDb().transaction((tx) => recordAudit({ actor: "test", action: "test.committed", target }, tx));
    expect((await entriesOf(target)).map((entry) => entry.action)).toEqual(["test.committed"]);
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("is refused UPDATE, DELETE, TRUNCATE and unchained inserts by the database", async () => {
    const target = `ledger-${randomUUID()}`;
    await recordAudit({ actor: "test", action: "test.immutable", target, reason: "kept" });
    const [entry] = await entriesOf(target);
    const db = getDb();
    await expect(
      db.update(auditLog).set({ reason: "changed" }).where(eq(auditLog.id, entry!.id)),
    ).rejects.toMatchObject({
      cause: expect.objectContaining({ message: "audit_log is append-only: UPDATE is refused" }),
    });
    // Not even the chain columns of an entry already chained.
    await expect(
      db
        .update(auditLog)
        .set({ hash: "0".repeat(64) })
        .where(eq(auditLog.id, entry!.id)),
    ).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, entry!.id))).rejects.toMatchObject({
      cause: expect.objectContaining({ message: "audit_log is append-only: DELETE is refused" }),
    });
    await expect(getPool().query("truncate audit_log")).rejects.toThrow(
      "audit_log is append-only: TRUNCATE is refused",
    );
    await expect(
      getPool().query("insert into audit_log (actor, action, target) values ('test', 'test.unchained', $1)", [target]),
    ).rejects.toThrow("audit_log entries must be written chained (hash and prev_hash), through recordAudit");
    expect(await entriesOf(target)).toEqual([entry]);
  });

  it("names a changed entry, in verifyLedger and the CLI", async () => {
    const target = `ledger-${randomUUID()}`;
    await recordAudit({ actor: "test", action: "test.tampered", target, reason: "as written" });
    await recordAudit({ actor: "test", action: "test.after", target });
    const [entry] = await entriesOf(target);
    await tamper("update audit_log set reason = 'rewritten' where id = $1", [entry!.id]);
    try {
      const verdict = await verifyLedger();
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBroken).toEqual({
        id: entry!.id,
        reason: "hash does not match the entry's content: the entry was changed after it was written",
      });

      const json = await cli("registry", "verify-ledger", "--json");
      expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 1, stderr: "" });
      expect(JSON.parse(json.stdout)).toEqual(verdict);
      const text = await cli("registry", "verify-ledger");
      expect(text.code).toBe(1);
      expect(text.stdout.trim()).toBe(`ledger broken at entry ${entry!.id}: ${verdict.firstBroken!.reason}`);
    } finally {
      await tamper("update audit_log set reason = 'as written' where id = $1", [entry!.id]);
    }
    const restored = await cli("registry", "verify-ledger");
    expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: "" });
    expect(restored.stdout).toMatch(/^ledger intact: \d+ entries$/m);
  });

  it("names the successor of a removed entry", async () => {
    const target = `ledger-${randomUUID()}`;
    await recordAudit({ actor: "test", action: "test.removed", target });
    await recordAudit({ actor: "test", action: "test.successor", target });
    const [removed, successor] = await entriesOf(target);
    await tamper("delete from audit_log where id = $1", [removed!.id]);
    try {
      expect((await verifyLedger()).firstBroken).toEqual({
        id: successor!.id,
        reason: expect.stringMatching(/^prev_hash does not match the hash of entry \d+: an entry between them/),
      });
    } finally {
      await getDb().insert(auditLog).values(removed!);
    }
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("chains entries written before the ledger existed, once, after the migrations", async () => {
    const target = `ledger-${randomUUID()}`;
    // Legacy rows as an older version wrote them: no chain columns, the database's now() (microseconds).
    const writeLegacy = (actions: string[]) =>
      asOwner(async (client) => {
        await client.query("alter table audit_log disable trigger audit_log_chained_insert");
        for (const action of actions) {
          await client.query(
            `insert into audit_log (actor, action, target, details) values ('legacy', $1, $2, '{"z": 1, "a": [true]}')`,
            [action, target],
          );
        }
        await client.query("alter table audit_log enable trigger audit_log_chained_insert");
      });

    await writeLegacy(["legacy.one", "legacy.two", "legacy.three"]);
    const [firstLegacy] = await entriesOf(target);
    expect(firstLegacy!.hash).toBeNull();
    expect(await verifyLedger()).toMatchObject({ ok: false, firstBroken: { id: firstLegacy!.id } });

    expect(await chainLegacyAuditEntries()).toBe(3);
    expect(await chainLegacyAuditEntries()).toBe(0);
    expect((await verifyLedger()).ok).toBe(true);
    const chained = await entriesOf(target);
    expect(chained.map((entry) => [entry.actor, entry.action, entry.details])).toEqual(
      ["legacy.one", "legacy.two", "legacy.three"].map((action) => ["legacy", action, { a: [true], z: 1 }]),
    );
    // Once chained, an entry is as immutable as any other.
    await expect(
      getDb().update(auditLog).set({ hash: null, prevHash: null }).where(eq(auditLog.id, firstLegacy!.id)),
    ).rejects.toThrow();

    // The migrate command runs the backfill; a writer that comes first chains them itself.
    await writeLegacy(["legacy.four", "legacy.five"]);
    const migrated = await cli("db", "migrate");
    expect({ code: migrated.code, stderr: migrated.stderr }).toEqual({ code: 0, stderr: "" });
    expect(migrated.stdout).toContain("audit ledger: chained 2 earlier entries");
    await writeLegacy(["legacy.six"]);
    await recordAudit({ actor: "test", action: "test.after-legacy", target });
    expect((await entriesOf(target)).every((entry) => entry.hash !== null)).toBe(true);
    expect((await verifyLedger()).ok).toBe(true);
    expect(await getDb().execute(sql`select count(*)::int as n from audit_log where hash is null`)).toMatchObject({
      rows: [{ n: 0 }],
    });
  });
});
