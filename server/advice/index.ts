export { runAdvice, type AdviceEvent, type AdviceRequest, type AdviceResult } from "./run";
export { storeAdviceRecord, type AdviceRecord } from "./record-writer";
export {
  adviceHistory,
  recordFeedback,
  recordPartnerFeedback,
  releaseOfAdvice,
  type AdviceRelease,
  type Feedback,
} from "./history";
export { partnerAdvice } from "./partner-advice";
export { reasonsOfAdvice, type StoredReasons } from "./reasons";
export { chatInput, partnerAdviceInput, feedbackInput, questionSchema, MAX_QUESTION_CHARS } from "./input";
export { adviceRequests, type AdviceSource, type AdviceStatus } from "./tables";
export {
  metricsByComponentVersion,
  metricsByRelease,
  type ComponentMetrics,
  type ReleaseMetrics,
  type ServedMetrics,
} from "./metrics";
export { recentQuestions } from "./recent-questions";
export { backfillReviewQueue } from "./review-backfill";
export { experimentResults, type ArmFigures, type ExperimentResults } from "./experiment-results";
export { enforceGuardrails } from "./experiment-guardrails";
export { armAudits, type ArmAudit } from "./experiment-audit-guardrail";
export {
  experimentAggregates,
  experimentAggregatesQuery,
  experimentArmSums,
  type ArmAggregates,
} from "./experiment-aggregates";
export { decisionsByGroup, type AttributeDecisions, type ReleaseDecisions } from "./decisions-by-group";
export { userRates, userRatesQuery, type UserRates } from "./experiment-user-rates";
export { biasTrends, MAX_TREND_DAYS } from "./bias-trends";
export { evaluateBiasAlerts } from "./bias-monitor";
export { detectorEvaluation, type DetectorEvaluation } from "./detector-evaluation";
export {
  searchTraces,
  traceOf,
  traceSearchInput,
  traceInput,
  type TraceDetail,
  type TraceSearch,
  type TraceSource,
  type TraceSummary,
} from "./traces";
export { timelineOf, type Timeline } from "./trace-timeline";
