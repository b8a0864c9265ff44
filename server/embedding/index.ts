/**
 * The embedding domain's face for the web app: the embedders (hashing, MiniLM) and the process's
 * configured one. Embedding the corpus (batches as artifacts, on every core) has its own face,
 * ./pipeline, for the worker, the CLI, benchmarks and tests: its thread entry loads tsx, which
 * Next.js must never bundle.
 */
export { EMBEDDING_DIMENSIONS, l2Normalize, type Embedder } from "./embedder";
export { createHashEmbedder, hashEmbed, HASH_EMBEDDER_VERSION } from "./hash-embedder";
export { createMiniLmEmbedder, MINILM_FILES, type MiniLmOptions } from "./minilm-embedder";
export { createEmbedder, MINILM_DIR, resolveEmbedder, type EmbedderMode } from "./resolve";
export { NEUTRAL_TEXT, withNeutralText } from "./neutral-text";
export { markPlaces, neutralize, PROTECTED_PATTERNS } from "./neutralize";
export type { ProtectedCategory } from "./lexicon";
