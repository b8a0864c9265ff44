/**
 * The fairness domain's face. Pure computation (no database, no environment), so the CLI's
 * fairness-report runs without the product. Exports are grouped by sub-folder.
 */

// ---- metrics/: group fairness metrics from per-group (label, prediction) counts ----------------
export {
  baseRate,
  countsOf,
  emptyCounts,
  falsePositiveRate,
  rowCount,
  selectionRate,
  sumCounts,
  truePositiveRate,
  type ConfusionCounts,
} from "./metrics/counts";
export {
  failsFourFifths,
  FOUR_FIFTHS,
  groupMetrics,
  privilegedAndUnprivileged,
  type GroupedCounts,
  type GroupMetrics,
} from "./metrics/group-metrics";
export { theilIndex } from "./metrics/theil";
export {
  bootstrapIntervals,
  DEFAULT_BOOTSTRAP,
  percentileInterval,
  type BootstrapSettings,
  type Interval,
} from "./metrics/bootstrap";

// ---- report/: the fairness report of a CSV, streamed --------------------------------------------
export type { ReportColumns } from "./report/columns";
export { FairnessAccumulator, MAX_GROUPS, type CountedRows } from "./report/accumulator";
export { buildReport, type Estimate, type FairnessReport, type GroupRates } from "./report/report";
export { fairnessReportFromCsv, type StreamOptions } from "./report/stream";
export { formatReport, METRIC_LABELS } from "./report/format";

// ---- labels/: what an answer recommends and the figures it quotes; selection rates over logged decisions ----
export {
  extractQuotedFigures,
  extractRecommendation,
  labelAdvice,
  type AdviceLabel,
  type QuotedFigures,
  type Recommendation,
} from "./labels";
export { selectionRates, type GroupCount, type GroupRate } from "./selection-rates";

// ---- audit-set/ and counterfactual/: the audit questions, their variants and the per-attribute score ----
export * from "./audit-set";
export * from "./counterfactual";

// ---- agreement/: how far people who judged the same items agree (Cohen's and Fleiss' kappa) ----
export * from "./agreement";
