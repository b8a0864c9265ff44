import { asc, count, gt, inArray } from "drizzle-orm";
import { getDb } from "../db";
import { loanDocuments } from "./tables";

/** Reads of the stored loan profiles, for the domains that embed and retrieve them. */

export type LoanDocument = typeof loanDocuments.$inferSelect;

export async function countDocuments(): Promise<number> {
  const [row] = await getDb().select({ value: count() }).from(loanDocuments);
  return row?.value ?? 0;
}

/** Up to `limit` documents with an id above `afterId`, in id order: a stable page for batching. */
export async function documentPage(afterId: number, limit: number) {
  return getDb()
    .select({ id: loanDocuments.id, contentHash: loanDocuments.contentHash, text: loanDocuments.text })
    .from(loanDocuments)
    .where(gt(loanDocuments.id, afterId))
    .orderBy(asc(loanDocuments.id))
    .limit(limit);
}

/** The stored loan profiles as the embedding pipeline reads them (embedding's DocumentSource). */
export const loanDocumentSource = { count: countDocuments, page: documentPage };

/** The documents with these ids, in no particular order; unknown ids are left out. */
export async function documentsByIds(ids: number[]): Promise<LoanDocument[]> {
  if (ids.length === 0) return [];
  return getDb().select().from(loanDocuments).where(inArray(loanDocuments.id, ids));
}
