import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "../db";
import { adviceRequests } from "./tables";
import { logger } from "../logger";
import { labelAdvice } from "../fairness";
import { enqueueFlaggedAnswers, type FlaggedAnswer } from "../review";

export type AdviceRecord = typeof adviceRequests.$inferInsert;

interface Pending {
  record: AdviceRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const log = logger.child("advice");
let pending: Pending[] = [];
let flushScheduled = false;

/**
 * Stores one advice record, committed together with the others finished in the same turn of the
 * event loop (group commit): under load one INSERT carries many rows, which halves the main
 * thread's cost of persisting every request. Resolves once this record is stored.
 */
export function storeAdviceRecord(record: AdviceRecord): Promise<void> {
  return new Promise((resolve, reject) => {
    // An id of our own, so a flagged answer can be put in the review queue along with it.
    pending.push({ record: labelled({ ...record, id: record.id ?? randomUUID() }), resolve, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => void flush());
    }
  });
}

/**
 * The record with its answer's label (recommendation, quoted amounts and rates): every stored
 * answer, chat or partner API, whatever wrote it, gets one, so group metrics can run over logged
 * decisions. A label the caller already worked out from the same text is kept.
 */
function labelled(record: AdviceRecord): AdviceRecord {
  if (record.recommendation !== undefined && record.recommendation !== null) return record;
  const label = labelAdvice(record.advice ?? "");
  return { ...record, recommendation: label.recommendation, quotedAmounts: label.amounts, quotedRates: label.rates };
}

async function flush() {
  const batch = pending;
  pending = [];
  flushScheduled = false;
  try {
    await insertRecords(batch.map((p) => p.record));
    for (const p of batch) p.resolve();
  } catch (error) {
    if (batch.length === 1) return batch[0]!.reject(error);
    // One bad row must not cost the others their record: retry them one by one.
    const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error);
    log.warn("batched advice insert failed; storing rows one by one", { rows: batch.length, reason });
    await Promise.all(batch.map((p) => insertRecords([p.record]).then(() => p.resolve(), p.reject)));
  }
}

/**
 * Inserts the records; the flagged ones enter the review queue in the same transaction, so a
 * flagged answer is never stored without its queue item. Batches with nothing flagged (nearly
 * all) stay a single INSERT.
 */
async function insertRecords(records: AdviceRecord[]): Promise<void> {
  const flagged = records.flatMap(flaggedAnswer);
  if (flagged.length === 0) {
    await getDb().insert(adviceRequests).values(records);
    return;
  }
  await getDb().transaction(async (tx) => {
    await tx.insert(adviceRequests).values(records);
    await enqueueFlaggedAnswers(flagged, tx);
  });
}

/** The record as the review queue takes it, if the detector flagged it. */
export function flaggedAnswer(record: {
  id?: string;
  biasFlagged?: boolean | null;
  biasScore?: number | null;
  biasReasons?: string[];
  release?: string | null;
  query: string;
  advice?: string;
}): FlaggedAnswer[] {
  if (!record.biasFlagged || record.id === undefined) return [];
  return [
    {
      adviceId: record.id,
      release: record.release ?? null,
      score: record.biasScore ?? 0,
      reasons: record.biasReasons ?? [],
      question: record.query,
      advice: record.advice ?? "",
    },
  ];
}

/** Marks a stored record as stopped by its client: a Stop that arrived while it was being written. */
export async function markAdviceStopped(id: string, error: string): Promise<void> {
  await getDb().update(adviceRequests).set({ status: "cancelled", error }).where(eq(adviceRequests.id, id));
}
