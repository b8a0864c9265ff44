import type { Interval } from "../metrics/bootstrap";
import type { Estimate, FairnessReport } from "./report";

/** The report as people read it in a terminal: what was compared, the metrics, then the groups. */

const number = (value: number | null) => (value === null ? "n/a" : value.toFixed(4));
const interval = (ci: Interval) => (ci === null ? "n/a" : `[${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]`);
const estimate = (e: Estimate) => `${number(e.value)} ${interval(e.ci)}`;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)];
}

export const METRIC_LABELS: Record<keyof FairnessReport["metrics"], string> = {
  statisticalParityDifference: "statistical parity difference (AIF360, unpriv − priv)",
  disparateImpact: "disparate impact (AIF360, unpriv / priv)",
  equalOpportunityDifference: "equal opportunity difference (AIF360, TPR unpriv − priv)",
  averageOddsDifference: "average odds difference (AIF360)",
  falsePositiveRateDifference: "  of which FPR difference (unpriv − priv)",
  truePositiveRateDifference: "  of which TPR difference (unpriv − priv)",
  theilIndex: "Theil index (AIF360, all rows)",
  demographicParityDifference: "demographic parity difference (Fairlearn, max − min)",
  demographicParityRatio: "demographic parity ratio (Fairlearn, min / max)",
  equalizedOddsDifference: "equalized odds difference (Fairlearn)",
};

export function formatReport(report: FairnessReport): string {
  const { groups, outcomes, columns, bootstrap } = report;
  const others = groups.unprivileged.map((group) => `'${group}'`).join(", ");
  const level = Math.round(bootstrap.confidence * 100);
  const flag = report.fourFifths.flagged;
  const lines = [
    `Fairness report: ${report.rows} rows`,
    `  group column '${columns.group}': privileged '${groups.privileged}'; unprivileged ${
      groups.unprivileged.length > 1 ? `= all other values together (${others})` : others
    }`,
    `  label '${columns.label}', prediction '${columns.prediction}': favorable '${outcomes.favorable}'` +
      (outcomes.unfavorable === null ? " (no other value occurs)" : `, unfavorable '${outcomes.unfavorable}'`),
    `  ${level} % intervals: percentile bootstrap, ${bootstrap.resamples} resamples within each group, seed ${bootstrap.seed}`,
    "",
    ...table(
      ["metric", "value", `${level} % interval`],
      Object.entries(report.metrics).map(([name, e]) => [
        METRIC_LABELS[name as keyof FairnessReport["metrics"]],
        number(e.value),
        interval(e.ci),
      ]),
    ),
    "",
    `four-fifths rule (disparate impact < ${report.fourFifths.threshold}): ${
      flag === null ? "undefined (the privileged group has no favorable predictions)" : flag ? "FLAGGED" : "passes"
    }`,
    "",
    "By group (MetricFrame; value [interval]):",
    ...table(
      ["group", "count", "selection rate", "true positive rate", "false positive rate", "base rate"],
      [
        ...report.byGroup.map((row) => ({ ...row, name: row.privileged ? `${row.group} (privileged)` : row.group })),
        ...(groups.unprivileged.length > 1 ? [{ ...report.unprivileged, name: "all unprivileged" }] : []),
      ].map((row) => [
        row.name,
        String(row.count),
        estimate(row.selectionRate),
        estimate(row.truePositiveRate),
        estimate(row.falsePositiveRate),
        estimate(row.baseRate),
      ]),
    ),
  ];
  return lines.join("\n");
}
