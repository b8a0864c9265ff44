import { desc, inArray } from "drizzle-orm";
import { getDb } from "../db";
import { auditLog } from "./tables";

export { auditLog } from "./tables";

/** Who did what to which thing, and why: the trail a bank's auditor reads. */
export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  reason?: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await getDb()
    .insert(auditLog)
    .values({ ...entry, reason: entry.reason ?? null, details: entry.details ?? {} });
}

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
