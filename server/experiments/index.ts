import { desc } from "drizzle-orm";
import { getDb } from "../db";
import { experiments } from "./tables";

export async function listExperiments() {
  return getDb().select().from(experiments).orderBy(desc(experiments.createdAt));
}
