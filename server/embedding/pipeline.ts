/**
 * The embedding domain's second face, for the worker, the CLI, benchmarks and tests (never the web
 * app): document embeddings as batched, sha256-verified artifacts, embedded on every core.
 */
export {
  embedDocuments,
  embeddingsPrefix,
  readEmbeddings,
  writeEmbeddingBatch,
  type DocumentSource,
  type EmbedReport,
  type EmbeddingBatch,
} from "./batches";
export { withThreads, type ClosableEmbedder } from "./parallel-embedder";
