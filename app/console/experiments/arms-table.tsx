import { DataTable } from "@/components/console/data-table";
import { formatNumber } from "@/components/console/format";
import { armLabel, percent } from "./format";
import type { ArmFigures, MetricResult } from "./types";

type ArmRow = ArmFigures & { satisfaction?: MetricResult["perArm"][number]; thumbsUp?: MetricResult["perArm"][number] };

/** A mean with its 95 % interval, or why there is none yet. */
function Estimate({ result, asPercent }: { result: MetricResult["perArm"][number] | undefined; asPercent?: boolean }) {
  if (!result) return <>—</>;
  if (result.status !== "ok")
    return (
      <span className="text-xs text-muted-foreground" title={result.reason}>
        n = {result.n}: not enough data
      </span>
    );
  const show = (value: number) => (asPercent ? percent(value) : value.toFixed(2));
  return (
    <span className="whitespace-nowrap">
      {show(result.mean)}{" "}
      <span className="text-xs text-muted-foreground">
        [{show(result.ci[0])}, {show(result.ci[1])}] n = {result.n}
      </span>
    </span>
  );
}

/** Each arm's figures as stored: traffic, latency, and the outcome metrics with their intervals. */
export function ArmsTable({ arms, metrics }: { arms: ArmFigures[]; metrics: MetricResult[] }) {
  const perArm = (name: string, i: number) => metrics.find((m) => m.name === name)?.perArm[i];
  const rows: ArmRow[] = arms.map((arm) => ({
    ...arm,
    satisfaction: perArm("satisfaction", arm.variant),
    thumbsUp: perArm("thumbs_up_rate", arm.variant),
  }));
  return (
    <div className="overflow-x-auto">
      <DataTable
        rows={rows}
        rowKey={(row) => row.variant}
        rowProps={(row) => ({ "data-testid": `arm-${row.variant}` })}
        columns={[
          {
            header: "Arm",
            className: "font-medium whitespace-nowrap",
            cell: (row) => armLabel(row.variant, row.release),
          },
          {
            header: "Users",
            cell: (row) => formatNumber(row.users),
            cellProps: () => ({ "data-testid": "arm-users" }),
          },
          {
            header: "Requests",
            cell: (row) => formatNumber(row.requests),
            cellProps: () => ({ "data-testid": "arm-requests" }),
          },
          {
            header: "Mean latency",
            cell: (row) => (row.meanLatencyMs === null ? "—" : `${formatNumber(row.meanLatencyMs)} ms`),
          },
          {
            header: "p95 latency",
            cell: (row) => (row.p95LatencyMs === null ? "—" : `${formatNumber(row.p95LatencyMs)} ms`),
          },
          { header: "Satisfaction (95 % CI)", cell: (row) => <Estimate result={row.satisfaction} /> },
          { header: "Thumbs-up", cell: (row) => <Estimate result={row.thumbsUp} asPercent /> },
          { header: "Bias-flag rate", cell: (row) => percent(row.biasFlagRate, 2) },
          { header: "Error rate", cell: (row) => percent(row.errorRate, 2) },
        ]}
      />
    </div>
  );
}
