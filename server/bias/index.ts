export {
  BIAS_FLAG_THRESHOLD,
  checkBias,
  DEFAULT_BIAS_POLICY,
  type BiasPolicy,
  type BiasCategory,
  type BiasFinding,
  type BiasResult,
} from "./detector";
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
