import { desc } from "drizzle-orm";
import { getDb } from "../db";
import { modelVersions } from "./tables";

/** Model registry: semantic versions with metadata and a stage. */
export async function listModelVersions() {
  return getDb().select().from(modelVersions).orderBy(desc(modelVersions.createdAt));
}
