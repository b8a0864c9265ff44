import { and, desc, eq, type SQL } from "drizzle-orm";
import { getDb } from "../db";
import { adviceRequests } from "./tables";
import { AppError } from "../errors";
import { componentsOf, findRelease, type ReleaseComponents } from "../registry";
import type { AdviceVersions } from "../agent";
import type { Recommendation } from "../fairness";

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
      recommendation: adviceRequests.recommendation,
      quotedAmounts: adviceRequests.quotedAmounts,
      quotedRates: adviceRequests.quotedRates,
      reasonsTrail: adviceRequests.reasonsTrail,
      release: adviceRequests.release,
      versions: adviceRequests.versions,
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
export async function recordFeedback(userId: string, feedback: Feedback): Promise<void> {
  await storeFeedback(eq(adviceRequests.userId, userId), feedback, "for this account");
}

/** The same for a partner's own API request (another partner's, or a borrower's, is "not found"). */
export async function recordPartnerFeedback(partnerId: string, feedback: Feedback): Promise<void> {
  await storeFeedback(eq(adviceRequests.partnerId, partnerId), feedback, "for this API key's partner");
}

export interface Feedback {
  adviceId: string;
  rating?: number;
  thumbs?: "up" | "down";
}

async function storeFeedback(owned: SQL, feedback: Feedback, owner: string): Promise<void> {
  const [row] = await getDb()
    .update(adviceRequests)
    .set({
      ...(feedback.rating !== undefined ? { rating: feedback.rating } : {}),
      ...(feedback.thumbs !== undefined ? { thumbs: feedback.thumbs } : {}),
      feedbackAt: new Date(),
    })
    .where(and(eq(adviceRequests.id, feedback.adviceId), owned))
    .returning({ id: adviceRequests.id });
  if (!row) throw new AppError("not_found", `no advice ${feedback.adviceId} ${owner}`);
}

export interface AdviceRelease {
  adviceId: string;
  /** Null for requests answered before releases existed. */
  release: string | null;
  /** The component versions stored with the request. */
  versions: Partial<AdviceVersions>;
  /** The release's composition as the registry holds it (null when the request names none). */
  components: ReleaseComponents | null;
  channel: "chat" | "api";
  status: string;
  /** What the answer recommended and quoted (null on requests stored before labels existed). */
  recommendation: Recommendation | null;
  quotedAmounts: number[] | null;
  quotedRates: number[] | null;
  at: Date;
}

/** Which release answered advice request `id`, with its components: for the console and the CLI. */
export async function releaseOfAdvice(id: string): Promise<AdviceRelease> {
  const [row] = await getDb()
    .select({
      release: adviceRequests.release,
      versions: adviceRequests.versions,
      channel: adviceRequests.channel,
      status: adviceRequests.status,
      recommendation: adviceRequests.recommendation,
      quotedAmounts: adviceRequests.quotedAmounts,
      quotedRates: adviceRequests.quotedRates,
      at: adviceRequests.createdAt,
    })
    .from(adviceRequests)
    .where(eq(adviceRequests.id, id));
  if (!row) throw new AppError("not_found", `advice request ${id}: there is no such request`);
  const release = row.release ? await findRelease(row.release) : null;
  return {
    adviceId: id,
    release: row.release,
    versions: row.versions,
    components: release ? componentsOf(release) : null,
    channel: row.channel,
    status: row.status,
    recommendation: row.recommendation,
    quotedAmounts: row.quotedAmounts,
    quotedRates: row.quotedRates,
    at: row.at,
  };
}
