import { DataTable } from "@/components/console/data-table";
import { metricLabel, percent, pValue, signedPercent } from "./format";
import type { MetricResult } from "./types";

type Row = { metric: MetricResult; comparison: MetricResult["vsControl"][number] };

/**
 * Every treatment against control on every metric: relative lift with its delta-method interval,
 * Welch p and the Holm-adjusted p (across all these comparisons), chance to win and expected loss.
 */
export function ComparisonsTable({ metrics, release }: { metrics: MetricResult[]; release: (arm: number) => string }) {
  const rows: Row[] = metrics.flatMap((metric) => metric.vsControl.map((comparison) => ({ metric, comparison })));
  return (
    <div className="overflow-x-auto">
      <DataTable
        rows={rows}
        rowKey={(row) => `${row.metric.name}-${row.comparison.arm}`}
        rowProps={(row) => ({ "data-testid": `comparison-${row.metric.name}-${row.comparison.arm}` })}
        columns={[
          {
            header: "Metric",
            className: "whitespace-nowrap",
            cell: (row) => `${metricLabel(row.metric.name)}${row.metric.higherIsBetter ? "" : " (lower is better)"}`,
          },
          {
            header: "Arm",
            className: "whitespace-nowrap",
            cell: (row) => `arm ${row.comparison.arm} (${release(row.comparison.arm)})`,
          },
          {
            header: "Lift (95 % CI)",
            className: "whitespace-nowrap",
            cell: (row) =>
              row.comparison.status === "ok"
                ? `${signedPercent(row.comparison.lift)} [${signedPercent(row.comparison.ci[0])}, ${signedPercent(row.comparison.ci[1])}]`
                : row.comparison.reason,
          },
          {
            header: "p (Welch)",
            cell: (row) => (row.comparison.status === "ok" ? pValue(row.comparison.pValue) : "—"),
          },
          { header: "p (Holm)", cell: (row) => pValue(row.comparison.pAdjusted) },
          {
            header: "Chance to win",
            cell: (row) => (row.comparison.status === "ok" ? percent(row.comparison.chanceToWin) : "—"),
          },
          {
            header: "Expected loss",
            cell: (row) => (row.comparison.status === "ok" ? percent(row.comparison.expectedLoss, 2) : "—"),
          },
        ]}
      />
    </div>
  );
}
