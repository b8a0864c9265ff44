import { bootstrapIntervals, DEFAULT_BOOTSTRAP, type BootstrapSettings, type Interval } from "../metrics/bootstrap";
import {
  baseRate,
  falsePositiveRate,
  rowCount,
  selectionRate,
  truePositiveRate,
  type ConfusionCounts,
} from "../metrics/counts";
import {
  failsFourFifths,
  FOUR_FIFTHS,
  groupMetrics,
  privilegedAndUnprivileged,
  type GroupMetrics,
} from "../metrics/group-metrics";
import { AppError } from "../../errors";
import type { ReportColumns } from "./columns";
import type { CountedRows } from "./accumulator";

/** A value with its percentile bootstrap interval (null where the value or interval is undefined). */
export interface Estimate {
  value: number | null;
  ci: Interval;
}

/** One row of the MetricFrame-style table. */
export interface GroupRates {
  group: string;
  privileged: boolean;
  count: number;
  selectionRate: Estimate;
  truePositiveRate: Estimate;
  falsePositiveRate: Estimate;
  baseRate: Estimate;
}

/**
 * The report, as the CLI's --json prints it and the console's upload returns it. Its shape is
 * documented in README.md ("Fairness report"); keys are only ever added.
 */
export interface FairnessReport {
  rows: number;
  columns: { group: string; label: string; prediction: string };
  outcomes: { favorable: string; unfavorable: string | null };
  groups: { privileged: string; unprivileged: string[] };
  bootstrap: BootstrapSettings & { method: "percentile, resampling rows within each group" };
  metrics: Record<keyof GroupMetrics, Estimate>;
  fourFifths: { threshold: number; flagged: boolean | null };
  /** Pooled rates of the privileged group and of every other value together. */
  privileged: Omit<GroupRates, "group" | "privileged">;
  unprivileged: Omit<GroupRates, "group" | "privileged">;
  /** One row per actual group value, in order of value. */
  byGroup: GroupRates[];
}

type RateName = "selectionRate" | "truePositiveRate" | "falsePositiveRate" | "baseRate";

function ratesOf(counts: ConfusionCounts): Record<RateName, number | null> {
  return {
    selectionRate: selectionRate(counts),
    truePositiveRate: truePositiveRate(counts),
    falsePositiveRate: falsePositiveRate(counts),
    baseRate: baseRate(counts),
  };
}

/** Every statistic that gets an interval, under one flat name, so one bootstrap serves them all. */
function allStatistics(privileged: string) {
  return (byGroup: ReadonlyMap<string, ConfusionCounts>): Record<string, number | null> => {
    const pooled = privilegedAndUnprivileged({ byGroup, privileged });
    const flat: Record<string, number | null> = { ...groupMetrics({ byGroup, privileged }) };
    for (const [name, value] of Object.entries(ratesOf(pooled.privileged))) flat[`privileged.${name}`] = value;
    for (const [name, value] of Object.entries(ratesOf(pooled.unprivileged))) flat[`unprivileged.${name}`] = value;
    for (const [group, counts] of byGroup)
      for (const [name, value] of Object.entries(ratesOf(counts))) flat[`group.${group}.${name}`] = value;
    return flat;
  };
}

function ratesWithIntervals(
  counts: ConfusionCounts,
  prefix: string,
  intervals: Record<string, Interval>,
): Omit<GroupRates, "group" | "privileged"> {
  const rates = ratesOf(counts);
  const estimate = (name: RateName): Estimate => ({ value: rates[name], ci: intervals[`${prefix}.${name}`] ?? null });
  return {
    count: rowCount(counts),
    selectionRate: estimate("selectionRate"),
    truePositiveRate: estimate("truePositiveRate"),
    falsePositiveRate: estimate("falsePositiveRate"),
    baseRate: estimate("baseRate"),
  };
}

const bad = (message: string) => new AppError("bad_request", message);

export function validateBootstrap(settings: BootstrapSettings): void {
  if (!Number.isInteger(settings.resamples) || settings.resamples < 1 || settings.resamples > 100_000)
    throw bad(`resamples must be a whole number from 1 to 100000, not ${settings.resamples}`);
  if (!Number.isInteger(settings.seed)) throw bad(`the seed must be a whole number, not ${settings.seed}`);
  if (!(settings.confidence > 0 && settings.confidence < 1))
    throw bad(`the confidence must lie between 0 and 1, not ${settings.confidence}`);
}

/** The report of counted rows: point values from the counts, intervals from their bootstrap. */
export function buildReport(
  counted: CountedRows,
  columns: ReportColumns,
  bootstrap: BootstrapSettings = DEFAULT_BOOTSTRAP,
): FairnessReport {
  validateBootstrap(bootstrap);
  const { byGroup } = counted;
  const privileged = columns.privileged;
  const intervals = bootstrapIntervals(byGroup, allStatistics(privileged), bootstrap);
  const point = groupMetrics({ byGroup, privileged });
  const metrics = Object.fromEntries(
    Object.entries(point).map(([name, value]) => [name, { value, ci: intervals[name] ?? null }]),
  ) as Record<keyof GroupMetrics, Estimate>;
  const pooled = privilegedAndUnprivileged({ byGroup, privileged });
  const groupNames = [...byGroup.keys()].sort();
  return {
    rows: counted.rows,
    columns: { group: columns.group, label: columns.label, prediction: columns.prediction },
    outcomes: { favorable: columns.favorable, unfavorable: counted.unfavorable },
    groups: { privileged, unprivileged: groupNames.filter((group) => group !== privileged) },
    bootstrap: { ...bootstrap, method: "percentile, resampling rows within each group" },
    metrics,
    fourFifths: { threshold: FOUR_FIFTHS, flagged: failsFourFifths(point.disparateImpact) },
    privileged: ratesWithIntervals(pooled.privileged, "privileged", intervals),
    unprivileged: ratesWithIntervals(pooled.unprivileged, "unprivileged", intervals),
    byGroup: groupNames.map((group) => ({
      group,
      privileged: group === privileged,
      ...ratesWithIntervals(byGroup.get(group)!, `group.${group}`, intervals),
    })),
  };
}
