import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "../db";
import { AppError } from "../errors";
import { logger } from "../logger";
import type { AlertFinding } from "./alert-rules";
import { biasAlerts } from "./tables";

const log = logger.child("bias-alerts");

export type BiasAlert = typeof biasAlerts.$inferSelect;

/**
 * Stores an alert unless the same (kind, release, window) was raised already: the unique index
 * decides, so two workers evaluating at once still store one. Returns the new row, or null.
 */
export async function raiseBiasAlert(finding: AlertFinding, window: string): Promise<BiasAlert | null> {
  const [row] = await getDb()
    .insert(biasAlerts)
    .values({
      kind: finding.kind,
      modelVersion: finding.release,
      window,
      metric: finding.metric,
      value: finding.value,
      threshold: finding.threshold,
      message: finding.message,
      details: finding.details,
    })
    .onConflictDoNothing({ target: [biasAlerts.kind, biasAlerts.modelVersion, biasAlerts.window] })
    .returning();
  if (row) log.warn("bias alert raised", { id: row.id, kind: row.kind, release: row.modelVersion, window });
  return row ?? null;
}

/**
 * (d) A nightly production audit failed: raised once per audit. The fairness-audit processor
 * calls this for audits the nightly sweep requested (requestedBy "schedule:nightly").
 */
export async function raiseAuditFailedAlert(audit: {
  id: number;
  release: string;
  failing: { attribute: string; score: number }[];
  threshold: number | null;
  error?: string | null;
}): Promise<BiasAlert | null> {
  const worst = audit.failing.reduce<number | null>((max, f) => (max === null || f.score > max ? f.score : max), null);
  return raiseBiasAlert(
    {
      kind: "audit_failed",
      release: audit.release,
      metric: "nightly fairness audit (worst attribute score)",
      value: worst ?? 0,
      threshold: audit.threshold ?? 0,
      message:
        `The nightly fairness audit ${audit.id} of production release ${audit.release} failed` +
        (audit.failing.length
          ? `: ${audit.failing.map((f) => `${f.attribute} ${f.score.toFixed(3)}`).join(", ")} over the threshold.`
          : audit.error
            ? `: ${audit.error}`
            : "."),
      details: { auditId: audit.id, failing: audit.failing },
    },
    `audit:${audit.id}`,
  );
}

/** Alerts, newest first; `open` keeps only those nobody has acknowledged. */
export async function listBiasAlerts(options: { open?: boolean; limit?: number } = {}): Promise<BiasAlert[]> {
  return getDb()
    .select()
    .from(biasAlerts)
    .where(options.open ? isNull(biasAlerts.acknowledgedAt) : undefined)
    .orderBy(desc(biasAlerts.createdAt), desc(biasAlerts.id))
    .limit(options.limit ?? 100);
}

/** A person acknowledges an alert with a note; the alert stays, with who, when and why. */
export async function acknowledgeBiasAlert(id: number, input: { actor: string; note: string }): Promise<BiasAlert> {
  const note = input.note.trim();
  if (!note) throw new AppError("bad_request", "note: say why the alert is acknowledged");
  const [row] = await getDb()
    .update(biasAlerts)
    .set({ acknowledgedAt: new Date(), acknowledgedBy: input.actor, acknowledgeNote: note })
    .where(and(eq(biasAlerts.id, id), isNull(biasAlerts.acknowledgedAt)))
    .returning();
  if (row) return row;
  const [existing] = await getDb().select().from(biasAlerts).where(eq(biasAlerts.id, id));
  if (!existing) throw new AppError("not_found", `there is no bias alert ${id}`);
  throw new AppError(
    "conflict",
    `bias alert ${id} was acknowledged already by ${existing.acknowledgedBy} at ${existing.acknowledgedAt?.toISOString()}`,
  );
}
