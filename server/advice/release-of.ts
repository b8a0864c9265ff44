import { eq } from "drizzle-orm";
import { getDb } from "../db";
import { AppError } from "../errors";
import { adviceRequests } from "./tables";

/** Which release answered a stored advice request, with the component versions it recorded. */
export async function releaseOfAdvice(adviceId: string) {
  const [row] = await getDb()
    .select({
      adviceId: adviceRequests.id,
      release: adviceRequests.release,
      versions: adviceRequests.versions,
      channel: adviceRequests.channel,
      status: adviceRequests.status,
      createdAt: adviceRequests.createdAt,
    })
    .from(adviceRequests)
    .where(eq(adviceRequests.id, adviceId));
  if (!row) throw new AppError("not_found", `adviceId: there is no advice request ${adviceId}`);
  return row;
}
