import { desc } from "drizzle-orm";
import { getDb } from "../db";
import { biasAlerts } from "../db/schema";

export async function listBiasAlerts(limit = 100) {
  return getDb().select().from(biasAlerts).orderBy(desc(biasAlerts.createdAt)).limit(limit);
}
