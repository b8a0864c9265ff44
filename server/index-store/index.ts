import { desc } from "drizzle-orm";
import { getDb } from "../db";
import { indexVersions } from "../db/schema";

export async function listIndexVersions() {
  return getDb().select().from(indexVersions).orderBy(desc(indexVersions.createdAt));
}
