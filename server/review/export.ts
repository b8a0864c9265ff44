import { asc, eq } from "drizzle-orm";
import { getDb } from "../db";
import { reviewItems } from "./tables";

/** A confirmed item as a labelled case for the detector's evaluation set. */
export interface LabelledCase {
  question: string;
  advice: string;
  label: "biased";
  /** The reasons the reviewer marked correct, or the detector's when none were marked. */
  reasons: string[];
}

/** Every confirmed item as a labelled case, oldest first. */
export async function confirmedCases(): Promise<LabelledCase[]> {
  const rows = await getDb()
    .select({
      question: reviewItems.question,
      advice: reviewItems.advice,
      reasons: reviewItems.reasons,
      correctReasons: reviewItems.correctReasons,
    })
    .from(reviewItems)
    .where(eq(reviewItems.status, "confirmed"))
    .orderBy(asc(reviewItems.createdAt), asc(reviewItems.id));
  return rows.map((row) => ({
    question: row.question,
    advice: row.advice,
    label: "biased",
    reasons: row.correctReasons ?? row.reasons,
  }));
}

/** The same as JSON lines, one case a line (empty when nothing is confirmed). */
export async function exportConfirmedCases(): Promise<string> {
  return (await confirmedCases()).map((c) => `${JSON.stringify(c)}\n`).join("");
}
