import { ensureDemoAccounts } from "../auth";
import { env } from "../env";
import { countDocuments, ingestFile, SHIPPED_CORPUS, type IngestReport } from "../ingest";
import { logger } from "../logger";

const log = logger.child("seed");

export interface SeedResult {
  demoAccounts: number;
  corpus: IngestReport | "already present" | "disabled";
}

/** Idempotent: demo accounts are refreshed; the shipped corpus is ingested only into an empty store. */
export async function seed(options: { corpus?: boolean } = {}): Promise<SeedResult> {
  const demoAccounts = await ensureDemoAccounts();
  if (demoAccounts === 0) log.info("demo accounts disabled (production without APFA_ENABLE_DEMO_ACCOUNTS)");
  if (!(options.corpus ?? env.APFA_SEED_CORPUS)) return { demoAccounts, corpus: "disabled" };
  if ((await countDocuments()) > 0) return { demoAccounts, corpus: "already present" };
  return { demoAccounts, corpus: await ingestFile(SHIPPED_CORPUS, { source: "lendingclub-2007-2011" }) };
}
