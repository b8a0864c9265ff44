import { sql } from "drizzle-orm";
import { getDb } from "../db";
import { reviewItems } from "./tables";

export interface PrecisionFigures {
  confirmed: number;
  dismissed: number;
  open: number;
  /** confirmed / (confirmed + dismissed); null until something is decided. */
  precision: number | null;
}

export interface ReviewPrecision {
  overall: PrecisionFigures;
  /** Per release that answered (null: answers from before releases). */
  byRelease: (PrecisionFigures & { release: string | null })[];
}

const figures = (confirmed: number, dismissed: number, open: number): PrecisionFigures => ({
  confirmed,
  dismissed,
  open,
  precision: confirmed + dismissed === 0 ? null : confirmed / (confirmed + dismissed),
});

/**
 * The detector's precision as people measured it: of the flagged answers a reviewer decided, the
 * share confirmed as biased (each item counted by its latest decision). Recall cannot be read
 * here: answers the detector let through never reach the queue.
 */
export async function reviewPrecision(): Promise<ReviewPrecision> {
  const rows = await getDb()
    .select({
      release: reviewItems.release,
      confirmed: sql<number>`count(*) filter (where ${reviewItems.status} = 'confirmed')::int`,
      dismissed: sql<number>`count(*) filter (where ${reviewItems.status} = 'dismissed')::int`,
      open: sql<number>`count(*) filter (where ${reviewItems.status} = 'open')::int`,
    })
    .from(reviewItems)
    .groupBy(reviewItems.release)
    .orderBy(reviewItems.release);
  const sum = (key: "confirmed" | "dismissed" | "open") => rows.reduce((total, row) => total + row[key], 0);
  return {
    overall: figures(sum("confirmed"), sum("dismissed"), sum("open")),
    byRelease: rows.map((row) => ({ release: row.release, ...figures(row.confirmed, row.dismissed, row.open) })),
  };
}
