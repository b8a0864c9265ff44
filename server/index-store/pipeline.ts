import { env } from "../env";
import { resolveEmbedder } from "../rag/resolve";
import { buildIndex, type IndexKind } from "./build";
import { embedDocuments, type EmbedReport } from "./embeddings";
import { artifactStore } from "./store/resolve";

/**
 * The steps of an index refresh with the configured embedder and store, as the worker's jobs and
 * first-start setup run them: embed → build → validate → publish.
 */

export async function embedAll(
  onProgress?: (done: number, total: number) => void | Promise<void>,
): Promise<EmbedReport> {
  return embedDocuments({
    embedder: await resolveEmbedder(),
    store: artifactStore(),
    batchSize: env.EMBED_BATCH_SIZE,
    onProgress,
  });
}

export { buildIndex, type IndexKind } from "./build";

export async function buildCandidate(kind: IndexKind, actor: string) {
  const embedder = await resolveEmbedder();
  return buildIndex({ store: artifactStore(), embedderVersion: embedder.version, kind, actor });
}
