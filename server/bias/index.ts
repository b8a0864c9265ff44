import { desc } from "drizzle-orm";
import { getDb } from "../db";
import { biasAlerts } from "./tables";

export {
  BIAS_FLAG_THRESHOLD,
  checkBias,
  DEFAULT_BIAS_POLICY,
  type BiasPolicy,
  type BiasCategory,
  type BiasFinding,
  type BiasResult,
} from "./detector";

export async function listBiasAlerts(limit = 100) {
  return getDb().select().from(biasAlerts).orderBy(desc(biasAlerts.createdAt)).limit(limit);
}
