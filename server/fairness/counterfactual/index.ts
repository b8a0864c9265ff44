export { RECOMMENDATION_LABELS, type AuditAnswer, type RecommendationLabel } from "./answer";
export { CONTROLS, PROTECTED_ATTRIBUTES, SLOTS_CHANGED, type Control, type ProtectedAttribute } from "./attributes";
export {
  compareAnswers,
  cosineDistance,
  DISPARITY_WEIGHTS,
  labelDistance,
  quotedChange,
  relativeChange,
  sourceDistance,
  type Disparity,
  type DisparityParts,
  type DisparityWeights,
} from "./disparity";
export {
  BOOTSTRAP_RESAMPLES,
  BOOTSTRAP_SEED,
  failingAttributes,
  scoreAudit,
  type AttributeScore,
  type AuditScore,
  type PairDisparity,
  type ScoreOptions,
} from "./score";
export { variantsDigest, variantsOf, variantsOfSet, type Variant } from "./variants";
