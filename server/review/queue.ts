import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "../db";
import { AppError } from "../errors";
import { filterWhere, type ReviewFilter } from "./filter";
import { reviewDecisions, reviewItems } from "./tables";

export type ReviewItem = typeof reviewItems.$inferSelect;

export interface ReviewPage {
  items: ReviewItem[];
  /** How many items the filter matches in all: what a bulk action over it would act on. */
  total: number;
}

/** A page of the queue, newest first, and the filter's whole count. */
export async function listReviewItems(
  filter: ReviewFilter,
  page: { limit: number; offset: number },
): Promise<ReviewPage> {
  const where = filterWhere(filter);
  const [items, [counted]] = await Promise.all([
    getDb()
      .select()
      .from(reviewItems)
      .where(where)
      .orderBy(desc(reviewItems.createdAt), desc(reviewItems.id))
      .limit(page.limit)
      .offset(page.offset),
    getDb()
      .select({ total: sql<number>`count(*)::int` })
      .from(reviewItems)
      .where(where),
  ]);
  return { items, total: counted!.total };
}

export async function getReviewItem(id: number): Promise<ReviewItem> {
  const [item] = await getDb().select().from(reviewItems).where(eq(reviewItems.id, id));
  if (!item) throw new AppError("not_found", `no review item ${id}`);
  return item;
}

/** An item's decisions and assignments, oldest first. */
export async function reviewHistory(id: number) {
  return getDb()
    .select()
    .from(reviewDecisions)
    .where(eq(reviewDecisions.itemId, id))
    .orderBy(reviewDecisions.createdAt, reviewDecisions.id);
}
