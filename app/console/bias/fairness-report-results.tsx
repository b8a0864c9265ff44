import type { Estimate, FairnessReport, GroupRates } from "@/server/fairness";
import { DataTable } from "@/components/console/data-table";
import { Badge } from "@/components/ui/badge";

/** The report the upload answers: metrics with intervals, the four-fifths flag, the per-group table. */

const LABELS: Record<keyof FairnessReport["metrics"], { name: string; source: string }> = {
  statisticalParityDifference: { name: "Statistical parity difference", source: "AIF360 · unpriv − priv" },
  disparateImpact: { name: "Disparate impact", source: "AIF360 · unpriv / priv" },
  equalOpportunityDifference: { name: "Equal opportunity difference", source: "AIF360 · TPR unpriv − priv" },
  averageOddsDifference: { name: "Average odds difference", source: "AIF360 · ½(FPR diff + TPR diff)" },
  falsePositiveRateDifference: { name: "… its FPR difference", source: "unpriv − priv" },
  truePositiveRateDifference: { name: "… its TPR difference", source: "unpriv − priv" },
  theilIndex: { name: "Theil index", source: "AIF360 · all rows" },
  demographicParityDifference: { name: "Demographic parity difference", source: "Fairlearn · max − min" },
  demographicParityRatio: { name: "Demographic parity ratio", source: "Fairlearn · min / max" },
  equalizedOddsDifference: { name: "Equalized odds difference", source: "Fairlearn · worst of TPR, FPR" },
};

const value = (v: number | null) => (v === null ? "n/a" : v.toFixed(4));
const interval = (e: Estimate) => (e.ci === null ? "n/a" : `[${e.ci[0].toFixed(4)}, ${e.ci[1].toFixed(4)}]`);

function RateCell({ estimate }: { estimate: Estimate }) {
  return (
    <>
      <span className="tabular-nums">{value(estimate.value)}</span>{" "}
      <span className="text-xs text-muted-foreground tabular-nums">{interval(estimate)}</span>
    </>
  );
}

type GroupRow = Omit<GroupRates, "group" | "privileged"> & { group: string; privileged: boolean; pooled?: boolean };

export function FairnessReportResults({ report }: { report: FairnessReport }) {
  const level = Math.round(report.bootstrap.confidence * 100);
  const flagged = report.fourFifths.flagged;
  const metricRows = Object.entries(report.metrics).map(([key, estimate]) => ({
    key: key as keyof FairnessReport["metrics"],
    estimate,
  }));
  const groupRows: GroupRow[] = [
    ...report.byGroup,
    ...(report.groups.unprivileged.length > 1
      ? [{ ...report.unprivileged, group: "all unprivileged", privileged: false, pooled: true }]
      : []),
  ];
  return (
    <div className="flex flex-col gap-4" data-testid="fairness-report">
      <p className="text-sm text-muted-foreground">
        {report.rows.toLocaleString("en-US")} rows. Privileged: <code>{report.groups.privileged}</code>; unprivileged
        {report.groups.unprivileged.length > 1 ? " (all other values together)" : ""}:{" "}
        {report.groups.unprivileged.map((group) => `'${group}'`).join(", ")}. Favorable{" "}
        <code>{report.outcomes.favorable}</code>. {level} % intervals: percentile bootstrap,{" "}
        {report.bootstrap.resamples} resamples within each group (seed {report.bootstrap.seed}).
      </p>
      <p data-testid="four-fifths">
        Four-fifths rule (disparate impact &lt; {report.fourFifths.threshold}):{" "}
        {flagged === null ? (
          <Badge tone="warn">undefined</Badge>
        ) : flagged ? (
          <Badge tone="bad">flagged</Badge>
        ) : (
          <Badge tone="good">passes</Badge>
        )}
      </p>
      <DataTable
        rows={metricRows}
        rowKey={(row) => row.key}
        rowProps={(row) => ({ "data-metric": row.key })}
        columns={[
          { header: "Metric", cell: (row) => LABELS[row.key].name },
          {
            header: "Definition",
            cell: (row) => <span className="text-muted-foreground">{LABELS[row.key].source}</span>,
          },
          { header: "Value", cell: (row) => value(row.estimate.value), cellProps: () => ({ "data-testid": "value" }) },
          { header: `${level} % interval`, cell: (row) => interval(row.estimate) },
        ]}
      />
      <h3 className="font-medium">By group (MetricFrame)</h3>
      <DataTable
        rows={groupRows}
        rowKey={(row) => row.group}
        rowProps={(row) => ({ "data-group": row.group })}
        columns={[
          {
            header: "Group",
            cell: (row) => (
              <>
                {row.pooled ? <em>{row.group}</em> : <code>{row.group}</code>}{" "}
                {row.privileged ? <Badge>privileged</Badge> : null}
              </>
            ),
          },
          {
            header: "Count",
            cell: (row) => row.count.toLocaleString("en-US"),
            cellProps: () => ({ "data-testid": "count" }),
          },
          { header: "Selection rate", cell: (row) => <RateCell estimate={row.selectionRate} /> },
          { header: "True positive rate", cell: (row) => <RateCell estimate={row.truePositiveRate} /> },
          { header: "False positive rate", cell: (row) => <RateCell estimate={row.falsePositiveRate} /> },
          { header: "Base rate", cell: (row) => <RateCell estimate={row.baseRate} /> },
        ]}
      />
    </div>
  );
}
