import { eq } from "drizzle-orm";
import { getDb } from "../db";
import { AppError } from "../errors";
import { isAdverse, type ReasonsTrail } from "../reasons";
import { adviceRequests } from "./tables";

export interface StoredReasons {
  adviceId: string;
  /** Null for a request stored before trails existed. */
  trail: ReasonsTrail | null;
  adverse: boolean;
}

/** The reasons trail stored with advice request `id`, for reviewers (any request). */
export async function reasonsOfAdvice(id: string): Promise<StoredReasons> {
  const [row] = await getDb()
    .select({ trail: adviceRequests.reasonsTrail, recommendation: adviceRequests.recommendation })
    .from(adviceRequests)
    .where(eq(adviceRequests.id, id));
  if (!row) throw new AppError("not_found", `advice request ${id}: there is no such request`);
  return { adviceId: id, trail: row.trail, adverse: isAdverse(row.recommendation) };
}
