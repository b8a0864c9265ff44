import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db";
import {
  loadAuditSet,
  variantsOf,
  type AuditCase,
  type Control,
  type ProtectedAttribute,
  type Variant,
} from "@/server/fairness";
import { fairnessAuditPairs, fairnessAudits, type AuditStatus, type StoredAuditAnswer } from "@/server/fairness-audits";

/**
 * A finished audit written straight into the tables, with pairs of the shipped audit set's real
 * questions and made-up answers of chosen disparities: the subject is what reviewers do with
 * pairs, not how an audit produces them (server/fairness-audits/audits.integration-test.ts).
 */

export interface PlannedPair {
  /** The case's position in the shipped set and the swap asked. */
  caseIndex: number;
  swap: ProtectedAttribute | Control;
  disparity: number;
}

const stored = (question: string, advice: string): StoredAuditAnswer => ({
  question,
  advice,
  label: "proceed",
  amounts: [],
  rates: [],
  sources: [1, 2, 3],
  flagged: false,
});

const swapOf = (variant: Variant) => (variant.kind === "protected" ? variant.attribute : variant.control);

export async function storedAudit(
  pairs: readonly PlannedPair[],
  options: { status?: AuditStatus; threshold?: number | null } = {},
): Promise<{ auditId: number; release: string; pairIds: number[] }> {
  const { set, version } = loadAuditSet();
  const release = `0.0.0-pair-review-${randomUUID().slice(0, 8)}`;
  const status = options.status ?? "failed";
  const [audit] = await getDb()
    .insert(fairnessAudits)
    .values({
      release,
      composition: randomUUID(),
      status,
      threshold: options.threshold === undefined ? 0.3 : options.threshold,
      auditSet: version,
      cases: new Set(pairs.map((pair) => pair.caseIndex)).size,
      requestedBy: "test",
    })
    .returning();
  const rows = pairs.map(({ caseIndex, swap, disparity }) => {
    const auditCase: AuditCase = set.cases[caseIndex]!;
    const variant = variantsOf(auditCase).find((v) => swapOf(v) === swap)!;
    return {
      auditId: audit!.id,
      caseId: auditCase.id,
      swap,
      kind: variant.kind,
      original: stored(auditCase.question, `Hi ${auditCase.persona.firstName}, this loan fits your budget.`),
      variant: stored(variant.question, `Hi ${variant.persona.firstName}, I would think twice about this loan.`),
      disparity,
      parts: { label: disparity, amounts: 0, rates: 0, sources: 0, embedding: 0 },
    };
  });
  const inserted =
    rows.length === 0
      ? []
      : await getDb().insert(fairnessAuditPairs).values(rows).returning({ id: fairnessAuditPairs.id });
  return { auditId: audit!.id, release, pairIds: inserted.map((row) => row.id) };
}
