/**
 * The releases domain's face: what stands between a release and production — its gates (index
 * validation, sha256 of every artifact, an OpenAI-compatible analyzer that answers, the shadow
 * replay, later the fairness audit), approvals, and promotion and rollback of release aliases,
 * which tell every web instance to serve the new release.
 */
export { approveRelease, approvalsOf, type Approval } from "./approvals";
export { createReleaseForReview } from "./create";
export { evaluateGates } from "./gates";
export { failingGates, type GateResult } from "./gate-rules";
export { promoteIndex, rollbackIndex } from "./index-shorthand";
export { aliasPermission, type Actor, type AliasPermission } from "./permissions";
export { promotionPolicy, type PromotionPolicy } from "./policy";
export { promoteRelease, rollbackRelease, type PromoteInput, type PromotionResult } from "./promote";
export { shipExperimentArm, type ShipExperimentInput, type ShipExperimentResult } from "./ship-experiment";
export { compareReplay, percentile, top5Overlap, type CandidateAnswer, type ProductionAnswer } from "./shadow/compare";
export { requestShadowReplay, requestShadowReplayNow, runShadowReplay, type ShadowReplayRow } from "./shadow/replay";
export { listReleaseViews, releaseView, type ReleaseView, type ShadowReplayView } from "./views";
