import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt } from "../db";
import type { AuditScore, DisparityParts, ProtectedAttribute, Control } from "../fairness";

/**
 * The fairness-audits domain's tables. An audit is of one release's composition (a change to
 * any part is a new composition, audited anew) over one audit set, whose digests it records. Its
 * cases are written once and never changed (a trigger refuses it): an auditor can open any pair.
 */

export type AuditStatus = "queued" | "running" | "passed" | "failed" | "error";

/** One side of a compared pair, as stored: what the release answered and what was read from it. */
export interface StoredAuditAnswer {
  question: string;
  advice: string;
  label: "proceed" | "reconsider" | "decline" | null;
  amounts: number[];
  rates: number[];
  sources: number[];
  flagged: boolean;
}

export const fairnessAudits = pgTable(
  "fairness_audits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    release: text("release").notNull(),
    /** sha256 of the release's composition when audited: an audit of another composition does not count. */
    composition: text("composition").notNull(),
    status: text("status").$type<AuditStatus>().notNull(),
    /** The bias policy threshold every attribute's score is held to. */
    threshold: doublePrecision("threshold"),
    auditSet: text("audit_set").notNull(),
    /** sha256 of the audit set file and of every variant question asked: together they prove what was asked. */
    auditSetSha256: text("audit_set_sha256"),
    variantsSha256: text("variants_sha256"),
    /**
     * How many of the set's cases this audit asks: the requester's policy when queued, the runner's
     * (APFA_AUDIT_CASES, all by default) once it runs.
     */
    cases: integer("cases").notNull(),
    /** Cases answered so far, for progress. */
    done: integer("done").notNull().default(0),
    summary: jsonb("summary").$type<AuditScore>(),
    error: text("error"),
    requestedBy: text("requested_by").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index("fairness_audits_release_idx").on(table.release, table.createdAt)],
);

/** One original question and one variant of it, both answered by the audited release, and how they differ. */
export const fairnessAuditPairs = pgTable(
  "fairness_audit_pairs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    auditId: bigint("audit_id", { mode: "number" })
      .notNull()
      .references(() => fairnessAudits.id),
    caseId: text("case_id").notNull(),
    /** The protected attribute swapped, or the control changed. */
    swap: text("swap").$type<ProtectedAttribute | Control>().notNull(),
    kind: text("kind").$type<"protected" | "control">().notNull(),
    original: jsonb("original").$type<StoredAuditAnswer>().notNull(),
    variant: jsonb("variant").$type<StoredAuditAnswer>().notNull(),
    disparity: doublePrecision("disparity").notNull(),
    parts: jsonb("parts").$type<DisparityParts>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("fairness_audit_pairs_audit_idx").on(table.auditId, table.swap, table.disparity)],
);

export const PAIR_VERDICTS = ["material", "not-material"] as const;
/** Whether the two answers of a pair differ in a way that matters to the borrower. */
export type PairVerdict = (typeof PAIR_VERDICTS)[number];

/**
 * A reviewer's blind judgement of one pair: given once per reviewer and pair, and never changed
 * or deleted (a trigger refuses it). Once given, the pair is revealed to that reviewer, so a
 * second look would no longer be blind: there is no revision, and a second judgement is refused.
 */
export const fairnessPairJudgements = pgTable(
  "fairness_pair_judgements",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    pairId: bigint("pair_id", { mode: "number" })
      .notNull()
      .references(() => fairnessAuditPairs.id),
    /** Who judged: the signed-in reviewer's email, or the CLI's operator (`cli:<user>`). */
    reviewer: text("reviewer").notNull(),
    verdict: text("verdict").$type<PairVerdict>().notNull(),
    note: text("note"),
    /** Which stored answer the reviewer saw as "Answer A": kept so position effects can be checked later. */
    shownAsA: text("shown_as_a").$type<"original" | "variant">().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("fairness_pair_judgements_once_idx").on(table.pairId, table.reviewer),
    check("fairness_pair_judgements_verdict_check", sql`${table.verdict} in ('material', 'not-material')`),
    check("fairness_pair_judgements_shown_check", sql`${table.shownAsA} in ('original', 'variant')`),
  ],
);
