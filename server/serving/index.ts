/**
 * The serving domain's face: one decision per request of which release answers it and with which
 * engines (decide.ts), the pool that keeps several releases live under a memory bound (pool.ts),
 * engines built from the registry (engines.ts), each web instance following the production alias
 * (sync.ts), and answering with a given release without storing it, for the shadow replay (replay.ts).
 */
export {
  closeServing,
  decideServing,
  decideServingNow,
  enginesForRelease,
  liveServing,
  loadProduction,
  servedRelease,
  type ServingDecision,
  type ServingRequest,
} from "./decide";
export { ReleasePool, type EngineSource, type ReleaseLease } from "./pool";
export { biasPolicyFor } from "./engines";
export { startReleaseSync } from "./sync";
export { answerWithRelease, type ReleaseAnswer } from "./replay";
export { armFor, experimentsRunning, refreshExperiments, type Arm } from "./experiment-arms";
