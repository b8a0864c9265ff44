// What the web app may import. Building indexes (embed, build, HNSW threads) lives in ./pipeline,
// imported only by the worker, the CLI and tests, so Next.js never bundles it.
export { embedDocuments, type EmbedReport } from "./embeddings";
export {
  getLiveIndex,
  withLiveIndex,
  peekLiveIndex,
  loadedIndexes,
  closeLiveIndex,
  documentsFor,
  swapTo,
  reconcileWithDatabase,
  type LiveIndex,
} from "./live-index";
export { publishIndex, rollbackIndex, promotionBlocker, activationHistory, type IndexActivation } from "./publish";
export { IndexSearcher, type SearchHit } from "./searcher";
export { artifactStore } from "./store/resolve";
export { startIndexSync, instanceId } from "./sync";
export { validateIndex, type ValidationResult } from "./validate";
export {
  activeIndexVersion,
  getIndexVersion,
  listIndexVersions,
  previousActiveVersion,
  resolveIndexVersion,
  MIN_RECALL,
  type IndexVersionRow,
} from "./versions";
