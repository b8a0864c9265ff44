import { getDb, type Database } from "../db";
import { reviewItems } from "./tables";

/** The database or a transaction of it: the advice writer enqueues inside the transaction that stores the answer. */
type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type ReviewWriter = Database | Transaction;

/** A flagged answer as the advice log holds it. */
export interface FlaggedAnswer {
  adviceId: string;
  release: string | null;
  score: number;
  reasons: string[];
  question: string;
  advice: string;
}

/**
 * Puts flagged answers in the review queue. An answer already there is left as it is (its
 * decisions included): the unique advice id makes enqueueing the same answer again, from the
 * writer or a backfill, do nothing. Returns how many items were added.
 */
export async function enqueueFlaggedAnswers(answers: FlaggedAnswer[], db: ReviewWriter = getDb()): Promise<number> {
  if (answers.length === 0) return 0;
  const added = await db
    .insert(reviewItems)
    .values(answers.map((a) => ({ ...a, reasons: a.reasons })))
    .onConflictDoNothing({ target: reviewItems.adviceId })
    .returning({ id: reviewItems.id });
  return added.length;
}
