export { BIAS_FLAG_THRESHOLD, checkBias, DEFAULT_BIAS_POLICY, LEXICAL_V1_POLICY } from "./detector";
export {
  BIAS_CATEGORIES,
  BIAS_DETECTORS,
  type BiasCategory,
  type BiasDetector,
  type BiasFinding,
  type BiasPolicy,
  type BiasResult,
  type BiasUse,
} from "./types";
export { loadBiasLabels, CURRENT_BIAS_LABELS, type LoadedBiasLabels } from "./labelled-set/load";
export { LABEL_KINDS, type BiasLabelSet, type LabelKind, type LabelledAnswer } from "./labelled-set/schema";
export {
  confusionFigures,
  measureDetector,
  type ConfusionFigures,
  type DetectorMeasurement,
} from "./labelled-set/measure";
export { evaluateOnLabelledSet, type LabelledSetEvaluation } from "./labelled-set/evaluate";
export {
  BIAS_RISE_THRESHOLD,
  MIN_GROUP_ANSWERS,
  MIN_WINDOW_ANSWERS,
  MIN_WINDOW_FLAGS,
  WINDOW_DAYS,
  biasScoreRise,
  flagRateDoubled,
  fourFifthsBreaches,
  windows,
  type AlertFinding,
  type AttributeCounts,
  type BiasAlertKind,
  type BiasTrendPoint,
  type WindowFigures,
} from "./alert-rules";
export { acknowledgeBiasAlert, listBiasAlerts, raiseAuditFailedAlert, raiseBiasAlert, type BiasAlert } from "./alerts";
