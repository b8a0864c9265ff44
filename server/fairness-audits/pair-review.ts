import { and, asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import type { DisparityParts } from "../fairness";
import { getDb } from "../db";
import { AppError } from "../errors";
import { askedCase, blindPair, sideShownAsA, type BlindPair, type PairSide } from "./blind";
import { getFairnessAudit } from "./views";
import {
  fairnessAuditPairs,
  fairnessAudits,
  fairnessPairJudgements,
  PAIR_VERDICTS,
  type PairVerdict,
  type StoredAuditAnswer,
} from "./tables";

/**
 * Blind review of audit pairs: a reviewer gets the next pair they have not judged as Answer A and
 * Answer B (blind.ts says what is withheld), judges whether the two differ materially, and only
 * then sees which answer went to which persona, what the audit measured and what others judged.
 */

type AuditRow = typeof fairnessAudits.$inferSelect;

/** Only a finished audit has all its pairs and the threshold its own verdict on each is read against. */
function assertReviewable(audit: Pick<AuditRow, "id" | "status">): void {
  if (audit.status !== "passed" && audit.status !== "failed")
    throw new AppError(
      "conflict",
      `audit ${audit.id} is ${audit.status}: its pairs are reviewed once it has passed or failed`,
    );
}

/** Whether this reviewer has judged the pair of the surrounding query. */
const judgedBy = (reviewer: string) =>
  sql`exists (select 1 from ${fairnessPairJudgements} where ${fairnessPairJudgements.pairId} = ${fairnessAuditPairs.id} and ${fairnessPairJudgements.reviewer} = ${reviewer})`;

export interface BlindReviewPage {
  auditId: number;
  release: string;
  /** The audit's pairs, and how many of them this reviewer has judged. */
  total: number;
  judged: number;
  /** The next pair this reviewer has not judged; null when there is none left. */
  pair: BlindPair | null;
}

/**
 * The next pair of an audit the reviewer has not judged, blinded. Every reviewer walks the pairs
 * in the same shuffled order (md5 of the pair id): not by disparity, which would tell how different
 * the automatic comparison found them, nor case by case, which would put a case's swaps side by
 * side; and the same for all, so that reviewers' judgements fall on the same pairs and agreement
 * can be measured early.
 */
export async function nextBlindPair(auditId: number, reviewer: string): Promise<BlindReviewPage> {
  const audit = await getFairnessAudit(auditId);
  assertReviewable(audit);
  const ofAudit = eq(fairnessAuditPairs.auditId, auditId);
  const [[counts], [next]] = await Promise.all([
    getDb()
      .select({ total: count(), judged: sql<number>`count(*) filter (where ${judgedBy(reviewer)})::int` })
      .from(fairnessAuditPairs)
      .where(ofAudit),
    getDb()
      .select()
      .from(fairnessAuditPairs)
      .where(and(ofAudit, sql`not ${judgedBy(reviewer)}`))
      .orderBy(sql`md5(${fairnessAuditPairs.id}::text)`, asc(fairnessAuditPairs.id))
      .limit(1),
  ]);
  return {
    auditId,
    release: audit.release,
    total: counts!.total,
    judged: counts!.judged,
    pair: next ? blindPair(next, reviewer, askedCase(next, audit.auditSet)) : null,
  };
}

export const judgePairInput = z.object({
  pairId: z.number().int().positive("pairId is a positive integer (an audit pair's id)"),
  verdict: z.enum(PAIR_VERDICTS, { error: "verdict is material or not-material" }),
  note: z.string().trim().max(2_000, "note is at most 2,000 characters").optional(),
});
export type JudgePairInput = z.input<typeof judgePairInput>;

export interface PairJudgement {
  reviewer: string;
  verdict: PairVerdict;
  note: string | null;
  createdAt: Date;
}

/** A pair with nothing withheld, for a reviewer who has judged it. */
export interface RevealedPair {
  pairId: number;
  auditId: number;
  release: string;
  caseId: string;
  swap: (typeof fairnessAuditPairs.$inferSelect)["swap"];
  kind: "protected" | "control";
  /** Which stored answer this reviewer saw as Answer A. */
  shownAsA: PairSide;
  original: StoredAuditAnswer;
  variant: StoredAuditAnswer;
  disparity: number;
  parts: DisparityParts;
  threshold: number | null;
  /**
   * The audit's own verdict on the pair: material when its disparity exceeds the threshold the
   * audit held every attribute's score to (null while the audit has no threshold).
   */
  automatic: PairVerdict | null;
  mine: PairJudgement;
  /** Every judgement of the pair, this reviewer's included, oldest first. */
  judgements: PairJudgement[];
}

export const automaticVerdict = (disparity: number, threshold: number | null): PairVerdict | null =>
  threshold === null ? null : disparity > threshold ? "material" : "not-material";

async function pairWithAudit(pairId: number) {
  const [row] = await getDb()
    .select({ pair: fairnessAuditPairs, audit: fairnessAudits })
    .from(fairnessAuditPairs)
    .innerJoin(fairnessAudits, eq(fairnessAudits.id, fairnessAuditPairs.auditId))
    .where(eq(fairnessAuditPairs.id, pairId));
  if (!row) throw new AppError("not_found", `no audit pair ${pairId}`);
  return row;
}

const alreadyJudged = (pairId: number, earlier: { verdict: string; createdAt: Date } | undefined) =>
  new AppError(
    "conflict",
    `you have already judged pair ${pairId}${earlier ? ` (${earlier.verdict}, ${earlier.createdAt.toISOString()})` : ""}: ` +
      "a blind judgement is given once, since the pair is revealed after it",
  );

/**
 * Records the reviewer's judgement of a pair, once (a second is refused: the reviewer has seen the
 * reveal since), with a ledger entry, and returns the pair revealed.
 */
export async function judgePair(input: JudgePairInput, reviewer: string): Promise<RevealedPair> {
  const { pairId, verdict, note } = judgePairInput.parse(input);
  const { audit } = await pairWithAudit(pairId);
  assertReviewable(audit);
  await getDb().transaction(async (tx) => {
    const [earlier] = await tx
      .select()
      .from(fairnessPairJudgements)
      .where(and(eq(fairnessPairJudgements.pairId, pairId), eq(fairnessPairJudgements.reviewer, reviewer)));
    if (earlier) throw alreadyJudged(pairId, earlier);
    const inserted = await tx
      .insert(fairnessPairJudgements)
      .values({ pairId, reviewer, verdict, note: note || null, shownAsA: sideShownAsA(pairId, reviewer) })
      .onConflictDoNothing()
      .returning({ id: fairnessPairJudgements.id });
    // Another request of the same reviewer got there between the check and the insert.
    if (inserted.length === 0) throw alreadyJudged(pairId, undefined);
    await recordAudit(
      {
        actor: reviewer,
        action: "fairness.judge-pair",
        target: `fairness-pair:${pairId}`,
        reason: note || undefined,
        details: { auditId: audit.id, verdict },
      },
      tx,
    );
  });
  return revealPair(pairId, reviewer);
}

/** A pair with everything shown, to a reviewer who has judged it (to anyone else it stays blind). */
export async function revealPair(pairId: number, reviewer: string): Promise<RevealedPair> {
  const { pair, audit } = await pairWithAudit(pairId);
  const judgements = await getDb()
    .select({
      reviewer: fairnessPairJudgements.reviewer,
      verdict: fairnessPairJudgements.verdict,
      note: fairnessPairJudgements.note,
      createdAt: fairnessPairJudgements.createdAt,
      shownAsA: fairnessPairJudgements.shownAsA,
    })
    .from(fairnessPairJudgements)
    .where(eq(fairnessPairJudgements.pairId, pairId))
    .orderBy(asc(fairnessPairJudgements.createdAt), asc(fairnessPairJudgements.id));
  const mine = judgements.find((judgement) => judgement.reviewer === reviewer);
  if (!mine)
    throw new AppError(
      "conflict",
      `pair ${pairId} is revealed to a reviewer after their own judgement: judge it first`,
    );
  const plain = ({ reviewer, verdict, note, createdAt }: (typeof judgements)[number]): PairJudgement => ({
    reviewer,
    verdict,
    note,
    createdAt,
  });
  return {
    pairId,
    auditId: audit.id,
    release: audit.release,
    caseId: pair.caseId,
    swap: pair.swap,
    kind: pair.kind,
    shownAsA: mine.shownAsA,
    original: pair.original,
    variant: pair.variant,
    disparity: pair.disparity,
    parts: pair.parts,
    threshold: audit.threshold,
    automatic: automaticVerdict(pair.disparity, audit.threshold),
    mine: plain(mine),
    judgements: judgements.map(plain),
  };
}
