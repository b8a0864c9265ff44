/** The rag domain's public face: embedders and what retrieval returns. */
export { EMBEDDING_DIMENSIONS, l2Normalize, type Embedder } from "./embedder";
export { createHashEmbedder, hashEmbed } from "./hash-embedder";
export { createMiniLmEmbedder, MINILM_FILES, type MiniLmOptions } from "./minilm-embedder";
export { createEmbedder, MINILM_DIR, resolveEmbedder, type EmbedderMode } from "./resolve";
export type { RetrievedProfile } from "./retrieved";
export { retrieveProfiles, retrieveLoanDataTool, type Retrieval } from "./retriever";
