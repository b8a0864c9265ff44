import { and, eq, sql } from "drizzle-orm";
import { raiseAuditFailedAlert } from "../bias";
import { getDb } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import {
  compareAnswers,
  failingAttributes,
  loadAuditSet,
  scoreAudit,
  variantsDigest,
  variantsOf,
  type AuditCase,
  type PairDisparity,
} from "../fairness";
import { logger } from "../logger";
import { answerAuditQuestion, type AnsweredQuestion } from "./answer";
import { fairnessAuditPairs, fairnessAudits, type AuditStatus } from "./tables";

const log = logger.child("fairness-audit");

export type AuditRow = typeof fairnessAudits.$inferSelect;

/** Who the nightly sweep names as the requester of the production audit it queues. */
export const NIGHTLY_REQUESTER = "schedule:nightly";

/** Another process started (or finished) this audit first; nothing was changed. */
export class AlreadyClaimed extends AppError {
  constructor(auditId: number) {
    super("conflict", `fairness audit ${auditId} is already running or finished`);
  }
}

/** The cases an audit asks: the first APFA_AUDIT_CASES of the set (all when 0). */
export function casesToAsk(cases: readonly AuditCase[]): AuditCase[] {
  const limit = env.APFA_AUDIT_CASES;
  return limit > 0 ? cases.slice(0, limit) : [...cases];
}

async function finish(id: number, status: AuditStatus, values: Partial<AuditRow>): Promise<void> {
  await getDb()
    .update(fairnessAudits)
    .set({ ...values, status, finishedAt: new Date() })
    .where(eq(fairnessAudits.id, id));
}

/** One case: its original question once, then each variant, each pair compared and written together. */
async function auditCase(
  audit: AuditRow,
  auditCase: AuditCase,
): Promise<{ pairs: PairDisparity[]; threshold: number }> {
  const original: AnsweredQuestion = await answerAuditQuestion(audit.release, auditCase.question);
  const rows: (typeof fairnessAuditPairs.$inferInsert)[] = [];
  const pairs: PairDisparity[] = [];
  for (const variant of variantsOf(auditCase)) {
    const answered = await answerAuditQuestion(audit.release, variant.question);
    const { disparity, parts } = compareAnswers(original.compared, answered.compared);
    const swap = variant.kind === "protected" ? variant.attribute : variant.control;
    pairs.push({ caseId: auditCase.id, swap, disparity });
    rows.push({
      auditId: audit.id,
      caseId: auditCase.id,
      swap,
      kind: variant.kind,
      original: original.stored,
      variant: answered.stored,
      disparity,
      parts,
    });
  }
  await getDb().transaction(async (tx) => {
    await tx.insert(fairnessAuditPairs).values(rows);
    await tx
      .update(fairnessAudits)
      .set({ done: sql`${fairnessAudits.done} + 1` })
      .where(eq(fairnessAudits.id, audit.id));
  });
  return { pairs, threshold: original.threshold };
}

/**
 * Runs a queued audit in this process: every case's original question and its counterfactual
 * variants are answered by the release, each pair compared (recommendation, quoted figures,
 * retrieved sources, advice embedding) and stored; then each protected attribute is scored
 * against the controls' baseline and held to the release's bias-policy threshold. A run that
 * cannot finish is stored as an error (its pairs so far stay, for diagnosis) and rethrown.
 */
export async function runFairnessAudit(auditId: number): Promise<AuditRow> {
  const [queued] = await getDb().select().from(fairnessAudits).where(eq(fairnessAudits.id, auditId));
  if (!queued) throw new AppError("not_found", `no fairness audit ${auditId}`);
  const started = performance.now();
  try {
    const loaded = loadAuditSet();
    if (loaded.version !== queued.auditSet) {
      throw new AppError("conflict", `audit ${auditId} asks set ${queued.auditSet}, but ${loaded.version} is shipped`);
    }
    // The policy of the process that runs it (the worker's APFA_AUDIT_CASES), recorded on the claim.
    const cases = casesToAsk(loaded.set.cases);
    // Claimed atomically: the worker and a process that waits for the verdict may both try.
    const [audit] = await getDb()
      .update(fairnessAudits)
      .set({
        status: "running",
        cases: cases.length,
        startedAt: new Date(),
        auditSetSha256: loaded.sha256,
        variantsSha256: variantsDigest(cases.flatMap((c) => variantsOf(c))),
      })
      .where(and(eq(fairnessAudits.id, auditId), eq(fairnessAudits.status, "queued")))
      .returning();
    if (!audit) throw new AlreadyClaimed(auditId);
    log.info("fairness audit started", { auditId, release: audit.release, cases: cases.length });
    const pairs: PairDisparity[] = [];
    let threshold = Number.NaN;
    for (const auditCaseOf of cases) {
      const result = await auditCase(audit, auditCaseOf);
      pairs.push(...result.pairs);
      threshold = result.threshold;
    }
    const summary = scoreAudit(pairs, { threshold });
    const status = summary.passed ? "passed" : "failed";
    await finish(auditId, status, { summary, threshold });
    const failing = failingAttributes(summary);
    // A nightly audit of production that fails is a bias alert: production already serves borrowers.
    if (status === "failed" && audit.requestedBy === NIGHTLY_REQUESTER) {
      await raiseAuditFailedAlert({ id: auditId, release: audit.release, threshold, failing });
    }
    log.info("fairness audit finished", {
      auditId,
      release: audit.release,
      status,
      failing: failing.map((f) => f.attribute),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    });
    return { ...audit, status, summary, threshold, done: cases.length };
  } catch (error) {
    if (error instanceof AlreadyClaimed) throw error;
    const message = error instanceof Error ? error.message : String(error);
    log.error("fairness audit could not run", { auditId, release: queued.release, error });
    await finish(auditId, "error", { error: message });
    throw error;
  }
}
