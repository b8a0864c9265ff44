import { and, eq } from "drizzle-orm";
import { getDb } from "../db";
import { AppError } from "../errors";
import { adviceRequests } from "./tables";

/**
 * One of a partner's own API requests as stored (GET /api/v1/advice/{id}). Another partner's
 * request, or a borrower's, is "not found": a partner learns nothing about ids it did not create.
 */
export async function partnerAdvice(partnerId: string, id: string) {
  const [row] = await getDb()
    .select({
      adviceId: adviceRequests.id,
      userId: adviceRequests.externalUserId,
      query: adviceRequests.query,
      status: adviceRequests.status,
      advice: adviceRequests.advice,
      sources: adviceRequests.sources,
      biasScore: adviceRequests.biasScore,
      biasFlagged: adviceRequests.biasFlagged,
      biasReasons: adviceRequests.biasReasons,
      recommendation: adviceRequests.recommendation,
      quotedAmounts: adviceRequests.quotedAmounts,
      quotedRates: adviceRequests.quotedRates,
      release: adviceRequests.release,
      experiment: adviceRequests.experiment,
      variant: adviceRequests.variant,
      versions: adviceRequests.versions,
      rating: adviceRequests.rating,
      thumbs: adviceRequests.thumbs,
      createdAt: adviceRequests.createdAt,
    })
    .from(adviceRequests)
    .where(and(eq(adviceRequests.id, id), eq(adviceRequests.partnerId, partnerId)));
  if (!row) throw new AppError("not_found", `no advice ${id} for this API key's partner`);
  return row;
}
