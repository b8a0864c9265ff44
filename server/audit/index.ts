import { desc, inArray } from "drizzle-orm";
import { getDb } from "../db";
import { auditLog } from "./tables";

export { auditLog } from "./tables";
export { canonicalEntry, entryHash, GENESIS_HASH } from "./chain";
export {
  chainLegacyAuditEntries,
  recordAudit,
  verifyLedger,
  type AuditEntry,
  type AuditWriter,
  type LedgerVerdict,
} from "./ledger";

export async function listAudit(limit = 100) {
  return getDb().select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
}

/** The newest `limit` entries of the given actions, newest first: one kind of event's trail. */
export async function listAuditOf(actions: readonly string[], limit = 100) {
  return getDb()
    .select()
    .from(auditLog)
    .where(inArray(auditLog.action, [...actions]))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
