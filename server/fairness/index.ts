/**
 * Fairness: group metrics with the reference libraries' definitions, and reports of them. Pure
 * computation (no database, no environment), so the CLI's fairness-report runs without the product.
 * Exports are grouped by sub-folder; each group keeps to its own block.
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
