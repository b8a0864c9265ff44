/**
 * The index-store domain's face for the web app: the live index each instance serves (serve/),
 * and the lifecycle that versions, validates, publishes and hot-swaps it (lifecycle/). Building
 * indexes (embed, build, HNSW threads) has its own face, ./pipeline, imported only by the worker,
 * the CLI, benchmarks and tests, so Next.js never bundles it.
 */
export {
  getLiveIndex,
  withLiveIndex,
  peekLiveIndex,
  loadedIndexes,
  closeLiveIndex,
  swapTo,
  reconcileWithDatabase,
  holdIndex,
  type IndexHold,
  type IndexLease,
  type LiveIndex,
  type SwapTarget,
} from "./serve/live-index";
export { IndexSearcher, type SearchHit } from "./serve/searcher";
export { registerIndexMetrics } from "./serve/index-metrics";
export { validateIndex, type ValidationResult } from "./build/validate";
export {
  publishIndex,
  activateIndex,
  announceIndex,
  rollbackIndex,
  promotionBlocker,
  activationHistory,
  type IndexActivation,
} from "./lifecycle/publish";
export { startIndexSync, instanceId } from "./lifecycle/sync";
export { indexArtifactProblem } from "./lifecycle/verify-artifacts";
export { fleet, type FleetInstance } from "./lifecycle/fleet";
export { ackChannel, swapChannel, type AckMessage, type SwapMessage } from "./lifecycle/swap-channel";
export { annTriggers, ANN_THRESHOLDS, type AnnTriggers, type TriggerCheck } from "./lifecycle/triggers";
export {
  activeIndexVersion,
  getIndexVersion,
  listIndexVersions,
  previousActiveVersion,
  resolveIndexVersion,
  MIN_RECALL,
  type IndexVersionRow,
} from "./versions";
export type { IndexManifest } from "./tables";
