import { and, desc, eq } from "drizzle-orm";
import { getDb } from "../db";
import { adviceRequests } from "./tables";
import { AppError } from "../errors";

/** A borrower's past questions and answers, newest first. */
export async function adviceHistory(userId: string, limit = 50) {
  return getDb()
    .select({
      id: adviceRequests.id,
      conversationId: adviceRequests.conversationId,
      query: adviceRequests.query,
      advice: adviceRequests.advice,
      status: adviceRequests.status,
      sources: adviceRequests.sources,
      biasScore: adviceRequests.biasScore,
      biasFlagged: adviceRequests.biasFlagged,
      biasReasons: adviceRequests.biasReasons,
      rating: adviceRequests.rating,
      thumbs: adviceRequests.thumbs,
      createdAt: adviceRequests.createdAt,
    })
    .from(adviceRequests)
    .where(eq(adviceRequests.userId, userId))
    .orderBy(desc(adviceRequests.createdAt))
    .limit(limit);
}

/** Stores a rating and/or thumbs against the user's own request; another user's request is "not found". */
export async function recordFeedback(
  userId: string,
  feedback: { adviceId: string; rating?: number; thumbs?: "up" | "down" },
): Promise<void> {
  const [row] = await getDb()
    .update(adviceRequests)
    .set({
      ...(feedback.rating !== undefined ? { rating: feedback.rating } : {}),
      ...(feedback.thumbs !== undefined ? { thumbs: feedback.thumbs } : {}),
      feedbackAt: new Date(),
    })
    .where(and(eq(adviceRequests.id, feedback.adviceId), eq(adviceRequests.userId, userId)))
    .returning({ id: adviceRequests.id });
  if (!row) throw new AppError("not_found", `no advice ${feedback.adviceId} for this account`);
}
