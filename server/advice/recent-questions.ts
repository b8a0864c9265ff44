import { desc, eq } from "drizzle-orm";
import { getDb } from "../db";
import { adviceRequests } from "./tables";

/**
 * The last `limit` questions borrowers and partners asked that were answered in full, newest
 * first: the question text only (a shadow replay asks them again; it reads nothing else of the request).
 */
export async function recentQuestions(limit: number): Promise<string[]> {
  const rows = await getDb()
    .select({ query: adviceRequests.query })
    .from(adviceRequests)
    .where(eq(adviceRequests.status, "ok"))
    .orderBy(desc(adviceRequests.createdAt))
    .limit(limit);
  return rows.map((row) => row.query);
}
