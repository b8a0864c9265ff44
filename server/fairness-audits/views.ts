import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "../db";
import { AppError } from "../errors";
import { fairnessAuditPairs, fairnessAudits } from "./tables";

/** Audits, newest first (optionally of one release), as the console and `fairness audits` list them. */
export async function listFairnessAudits(options: { release?: string; limit?: number } = {}) {
  return getDb()
    .select()
    .from(fairnessAudits)
    .where(options.release ? eq(fairnessAudits.release, options.release) : undefined)
    .orderBy(desc(fairnessAudits.id))
    .limit(options.limit ?? 200);
}

export async function getFairnessAudit(id: number) {
  const [row] = await getDb().select().from(fairnessAudits).where(eq(fairnessAudits.id, id));
  if (!row) throw new AppError("not_found", `no fairness audit ${id}`);
  return row;
}

/**
 * An audit's pairs for the drill-down, the most different first: optionally of one swap (an
 * attribute or a control). Pairs carry both questions, answers and source lists.
 */
export async function auditPairs(auditId: number, options: { swap?: string; limit?: number; offset?: number } = {}) {
  await getFairnessAudit(auditId);
  return getDb()
    .select()
    .from(fairnessAuditPairs)
    .where(
      and(
        eq(fairnessAuditPairs.auditId, auditId),
        options.swap ? eq(fairnessAuditPairs.swap, options.swap as never) : undefined,
      ),
    )
    .orderBy(desc(fairnessAuditPairs.disparity), asc(fairnessAuditPairs.id))
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
}
