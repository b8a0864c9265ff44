import { env } from "../env";
import { artifactStore } from "../artifacts";
import { resolveEmbedder } from "../embedding";
import { embedDocuments, withThreads, type DocumentSource, type EmbedReport } from "../embedding/pipeline";
import { buildIndex, type IndexKind } from "./build/build";

/**
 * The steps of an index refresh with the configured embedder and store, as the worker's jobs and
 * first-start setup run them: embed → build → validate → publish.
 */

export async function embedAll(
  documents: DocumentSource,
  onProgress?: (done: number, total: number) => void | Promise<void>,
): Promise<EmbedReport> {
  const embedder = withThreads(await resolveEmbedder());
  try {
    return await embedDocuments({
      documents,
      embedder,
      store: artifactStore(),
      batchSize: env.EMBED_BATCH_SIZE,
      onProgress,
    });
  } finally {
    await embedder.close();
  }
}

export { buildIndex, type IndexKind } from "./build/build";
// Building blocks the benchmarks measure one by one.
export { buildHnswIndex, DEFAULT_HNSW_PARAMS } from "./build/hnsw";
export {
  EF_LADDER,
  epsilonRecallAtK,
  exactTopK,
  heldOutQueries,
  recallAtKWithTies,
  RECALL_TARGET,
  trueScores,
  tuneEf,
} from "./build/recall";

export async function buildCandidate(kind: IndexKind, actor: string) {
  const embedder = await resolveEmbedder();
  return buildIndex({ store: artifactStore(), embedderVersion: embedder.version, kind, actor });
}
