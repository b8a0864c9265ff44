/**
 * Experiment statistics: pure functions from SQL aggregates to results. `analyzeExperiment` is the
 * entry point; the rest is exported for the CLI, the console and tests. No database, no I/O.
 */
export * from "./analyze-experiment";
export { intervalFromSummary, meanInterval, wilsonInterval, type ArmResult, type Interval } from "./arm-intervals";
export { chanceToWin, expectedLoss } from "./bayesian";
export { compareToControl, type Comparison, type ComparisonResult } from "./compare-to-control";
export { cupedAdjust, type CupedAggregate, type CupedResult } from "./cuped";
export * from "./guardrail";
export { holmAdjust } from "./holm";
export type { NotEnoughData } from "./not-enough-data";
export * from "./sample-ratio-mismatch";
export * from "./summaries";
export { welchTest, type WelchResult } from "./welch";
