import { asc, count, eq, inArray } from "drizzle-orm";
import { getDb } from "../db";
import { cohenKappa, ratersAgreement, type Agreement, type Rating, type RatersAgreement } from "../fairness";
import { automaticVerdict } from "./pair-review";
import { getFairnessAudit } from "./views";
import { fairnessAuditPairs, fairnessAudits, fairnessPairJudgements, PAIR_VERDICTS, type PairVerdict } from "./tables";

/** Reviewers' judgements against the audit's own verdict on the same pairs (disparity above its threshold). */
export interface AutomaticAgreement extends Agreement {
  /** Judgements by what the reviewer said (rows) and what the audit's comparison said (columns). */
  table: Record<PairVerdict, Record<PairVerdict, number>>;
  /** Share of judgements saying material, and share of the same judgements' pairs the audit calls material. */
  humanMaterialRate: number | null;
  automaticMaterialRate: number | null;
}

export interface AgreementFigures extends RatersAgreement {
  /** Pairs with at least one judgement, and every pair of the audit(s). */
  pairsJudged: number;
  pairs: number;
  automatic: AutomaticAgreement;
}

export interface AuditAgreement extends AgreementFigures {
  auditId: number;
  release: string;
}

export interface PairAgreementReport {
  audits: AuditAgreement[];
  /** All the audits' judged pairs together (each pair is an item of its own). */
  overall: AgreementFigures;
}

interface JudgementRow {
  pairId: number;
  auditId: number;
  reviewer: string;
  verdict: PairVerdict;
  disparity: number;
  threshold: number | null;
}

function automaticAgreement(rows: readonly JudgementRow[]): AutomaticAgreement {
  const table = { material: { material: 0, "not-material": 0 }, "not-material": { material: 0, "not-material": 0 } };
  const compared: [PairVerdict, PairVerdict][] = [];
  for (const row of rows) {
    const automatic = automaticVerdict(row.disparity, row.threshold);
    if (automatic === null) continue;
    table[row.verdict][automatic] += 1;
    compared.push([row.verdict, automatic]);
  }
  const n = compared.length;
  return {
    // Cohen's kappa with the audit as the second rater, one item per judgement.
    ...cohenKappa(compared),
    table,
    humanMaterialRate: n === 0 ? null : (table.material.material + table.material["not-material"]) / n,
    automaticMaterialRate: n === 0 ? null : (table.material.material + table["not-material"].material) / n,
  };
}

function figures(rows: readonly JudgementRow[], pairs: number): AgreementFigures {
  const ratings: Rating<PairVerdict>[] = rows.map((row) => ({
    item: row.pairId,
    rater: row.reviewer,
    category: row.verdict,
  }));
  return {
    ...ratersAgreement(ratings, PAIR_VERDICTS),
    pairsJudged: new Set(rows.map((row) => row.pairId)).size,
    pairs,
    automatic: automaticAgreement(rows),
  };
}

/**
 * How far reviewers agree on the pairs they judged blind, per audit and over all audits: Fleiss'
 * kappa over pairs with two judgements or more, Cohen's kappa per two reviewers, raw agreement
 * and n; and how their verdicts compare with the audit's own. With `auditId`, that audit only
 * (listed even before anyone judged it).
 */
export async function pairAgreement(options: { auditId?: number } = {}): Promise<PairAgreementReport> {
  if (options.auditId !== undefined) await getFairnessAudit(options.auditId);
  const rows: JudgementRow[] = await getDb()
    .select({
      pairId: fairnessPairJudgements.pairId,
      auditId: fairnessAuditPairs.auditId,
      reviewer: fairnessPairJudgements.reviewer,
      verdict: fairnessPairJudgements.verdict,
      disparity: fairnessAuditPairs.disparity,
      threshold: fairnessAudits.threshold,
    })
    .from(fairnessPairJudgements)
    .innerJoin(fairnessAuditPairs, eq(fairnessAuditPairs.id, fairnessPairJudgements.pairId))
    .innerJoin(fairnessAudits, eq(fairnessAudits.id, fairnessAuditPairs.auditId))
    .where(options.auditId === undefined ? undefined : eq(fairnessAuditPairs.auditId, options.auditId))
    .orderBy(asc(fairnessPairJudgements.id));
  const auditIds = [
    ...new Set([...(options.auditId === undefined ? [] : [options.auditId]), ...rows.map((r) => r.auditId)]),
  ];
  const audits =
    auditIds.length === 0
      ? []
      : await getDb()
          .select({ id: fairnessAudits.id, release: fairnessAudits.release, pairs: count(fairnessAuditPairs.id) })
          .from(fairnessAudits)
          .leftJoin(fairnessAuditPairs, eq(fairnessAuditPairs.auditId, fairnessAudits.id))
          .where(inArray(fairnessAudits.id, auditIds))
          .groupBy(fairnessAudits.id)
          .orderBy(asc(fairnessAudits.id));
  return {
    audits: audits.map((audit) => ({
      auditId: audit.id,
      release: audit.release,
      ...figures(
        rows.filter((row) => row.auditId === audit.id),
        audit.pairs,
      ),
    })),
    overall: figures(
      rows,
      audits.reduce((sum, audit) => sum + audit.pairs, 0),
    ),
  };
}
