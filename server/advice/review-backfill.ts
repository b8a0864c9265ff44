import { and, asc, eq, gt } from "drizzle-orm";
import { getDb } from "../db";
import { enqueueFlaggedAnswers } from "../review";
import { flaggedAnswer } from "./record-writer";
import { adviceRequests } from "./tables";

const BATCH = 500;

/**
 * Puts every flagged answer stored before the review queue existed (or stored while enqueueing
 * failed) in the queue; answers already there are left alone, so running it again adds nothing.
 * Walks the flagged answers in id order, a batch at a time. Returns how many items it added.
 */
export async function backfillReviewQueue(): Promise<number> {
  let added = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await getDb()
      .select({
        id: adviceRequests.id,
        biasFlagged: adviceRequests.biasFlagged,
        biasScore: adviceRequests.biasScore,
        biasReasons: adviceRequests.biasReasons,
        release: adviceRequests.release,
        query: adviceRequests.query,
        advice: adviceRequests.advice,
      })
      .from(adviceRequests)
      .where(and(eq(adviceRequests.biasFlagged, true), after ? gt(adviceRequests.id, after) : undefined))
      .orderBy(asc(adviceRequests.id))
      .limit(BATCH);
    if (rows.length === 0) return added;
    added += await enqueueFlaggedAnswers(rows.flatMap(flaggedAnswer));
    after = rows.at(-1)!.id;
  }
}
