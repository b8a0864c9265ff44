import { ensureDemoAccounts } from "../auth";
import { env } from "../env";
import { countDocuments, ingestFile, loanDocumentSource, SHIPPED_CORPUS, type IngestReport } from "../ingest";
import { activeIndexVersion, publishIndex, validateIndex } from "../index-store";
import { buildCandidate, embedAll } from "../index-store/pipeline";
import { logger } from "../logger";
import { resolveEmbedder } from "../embedding";
import { ensureProductionRelease } from "./release";

export { ensureProductionRelease, BIAS_POLICY_MODEL, PROMPT_MODEL } from "./release";

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
 * another embedder than the one configured now (or predates verified manifests), embed the corpus,
 * build an exact index, validate it and publish it — the same steps the worker's jobs run — and keep
 * the production release on what the environment configures (release.ts).
 */
export async function ensureActiveIndex(
  options: { onProgress?: (done: number, total: number) => void; rebuildIfStale?: boolean } = {},
): Promise<string | null> {
  const embedder = await resolveEmbedder();
  const active = await activeIndexVersion();
  const stale = options.rebuildIfStale && active && active.vectors !== (await countDocuments());
  if (active?.manifestSha256 && active.embedderVersion === embedder.version && !stale) {
    await ensureProductionRelease();
    return null;
  }
  await embedAll(loanDocumentSource, options.onProgress);
  const manifest = await buildCandidate("exact", "setup");
  await validateIndex(manifest.version, { actor: "setup" });
  const reason = !active ? "first start" : stale ? "documents added" : `embedder ${embedder.version}`;
  await publishIndex(manifest.version, { actor: "setup", reason });
  log.info("index activated", { version: manifest.version, embedder: embedder.version, vectors: manifest.vectors });
  await ensureProductionRelease();
  return manifest.version;
}
