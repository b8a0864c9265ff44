/**
 * The embedding domain's public face: the embedders (hashing, MiniLM), the process's configured
 * one, and document embeddings as batched, sha256-verified artifacts built on every core.
 */
export { EMBEDDING_DIMENSIONS, l2Normalize, type Embedder } from "./embedder";
export { createHashEmbedder, hashEmbed, HASH_EMBEDDER_VERSION } from "./hash-embedder";
export { createMiniLmEmbedder, MINILM_FILES, type MiniLmOptions } from "./minilm-embedder";
export { createEmbedder, MINILM_DIR, resolveEmbedder, type EmbedderMode } from "./resolve";
export {
  embedDocuments,
  embeddingsPrefix,
  readEmbeddings,
  writeEmbeddingBatch,
  type EmbedReport,
  type EmbeddingBatch,
} from "./batches";
export { withThreads, type ClosableEmbedder } from "./parallel-embedder";
