import { and, desc, eq } from "drizzle-orm";
import { auditLog } from "../audit";
import { getDb } from "../db";

/** How an experiment stopped, as the ledger records it: who (a person, or `guardrail`), why, when. */
export interface StopEntry {
  actor: string;
  reason: string | null;
  at: Date;
  /** Set when its fairness (or error) guardrail stopped it on its own. */
  byGuardrail: boolean;
  /** The arms whose guardrail was breached, when it was a guardrail. */
  breachedArms: number[];
  /** The arm shipped, when the stop was a ship. */
  shipped: number | null;
}

/** The guardrail check's name in the ledger (server/advice/experiment-guardrails.ts stops as it). */
const GUARDRAIL_ACTOR = "guardrail";

/** The ledger's entry for the experiment's stop, or null while it has not stopped. */
export async function stopEntryOf(key: string): Promise<StopEntry | null> {
  const [entry] = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "experiment.stop"), eq(auditLog.target, key)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!entry) return null;
  const breached = entry.details.breachedArms;
  return {
    actor: entry.actor,
    reason: entry.reason,
    at: entry.at,
    byGuardrail: entry.actor === GUARDRAIL_ACTOR,
    breachedArms: Array.isArray(breached) ? breached.filter((arm): arm is number => typeof arm === "number") : [],
    shipped: typeof entry.details.shipped === "number" ? entry.details.shipped : null,
  };
}
