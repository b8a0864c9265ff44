import { ensureDemoAccounts } from "../auth";
import { env } from "../env";
import { countDocuments, ingestFile, SHIPPED_CORPUS, type IngestReport } from "../ingest";
import { activateIndexVersion, activeIndexVersion, buildExactIndex } from "../index-store";
import { logger } from "../logger";
import { resolveEmbedder } from "../rag";

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

/**
 * Chat works right after the first start: if no index is active, or the active one was built by
 * another embedder than the one configured now, embed the corpus and activate an exact index.
 */
export async function ensureActiveIndex(
  options: { onProgress?: (done: number, total: number) => void; rebuildIfStale?: boolean } = {},
): Promise<string | null> {
  const embedder = await resolveEmbedder();
  const active = await activeIndexVersion();
  const stale = options.rebuildIfStale && active && active.vectors !== (await countDocuments());
  if (active && active.embedderVersion === embedder.version && !stale) return null;
  const manifest = await buildExactIndex({ embedder, actor: "setup", onProgress: options.onProgress });
  await activateIndexVersion(
    manifest.version,
    "setup",
    active ? `embedder changed to ${embedder.version}` : "first start",
  );
  log.info("index activated", { version: manifest.version, embedder: embedder.version, vectors: manifest.vectors });
  return manifest.version;
}
