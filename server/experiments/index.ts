/**
 * The experiments domain's face: A/B experiments between releases (control first), started and
 * stopped through the ledger, and each user's sticky arm (its first serving is the exposure).
 */
export {
  equalWeights,
  experimentInputSchema,
  METRICS,
  namespacesOverlap,
  type ExperimentInput,
  type MetricName,
} from "./config";
export { exposuresPerArm, exposuresPerDay, exposuresPerWeightEpoch, stickyVariant } from "./exposures";
export {
  changeStatus,
  createExperiment,
  getExperiment,
  listExperiments,
  runningExperiments,
  updateWeights,
  type Experiment,
} from "./store";
export { stopEntryOf, type StopEntry } from "./stop-entry";
export type { ExperimentStatus, NamespaceRange } from "./tables";
export { experimentsChannel } from "./events";
export { assignVariant, type Assignment, type AssignmentSettings } from "./assignment";
export {
  analyzeExperiment,
  type ComparisonResult,
  type CupedAggregate,
  type CupedReport,
  type ExperimentAnalysis,
  type GuardrailInput,
  type RatioAggregate,
  type WeightEpoch,
} from "./stats";
