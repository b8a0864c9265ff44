"use client";

import { useState } from "react";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Composition } from "./composition";
import { GatesSummary } from "./gates-list";
import { ReleaseDetails } from "./release-details";
import type { PolicyView, Release, ReleaseMetrics } from "./types";

export function ReleasesTable({
  rows,
  metrics,
  policy,
  onPromote,
}: {
  rows: Release[];
  metrics: ReleaseMetrics[];
  policy: PolicyView | undefined;
  onPromote: (release: Release) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.version}
      rowProps={(row) => ({ "data-testid": `release-${row.version}` })}
      detail={(row) => (open === row.version ? <ReleaseDetails release={row} policy={policy} /> : null)}
      detailClassName="bg-muted/30 py-3"
      columns={[
        {
          header: "Release",
          cell: (row) => (
            <span className="flex flex-col gap-1">
              <code className="font-semibold">{row.version}</code>
              <span className="flex flex-wrap gap-1" data-testid="release-aliases">
                {row.aliases.map((alias) => (
                  <Badge key={alias} tone={alias === "production" ? "good" : "neutral"}>
                    {alias}
                  </Badge>
                ))}
                {row.archived ? <Badge tone="warn">archived</Badge> : null}
              </span>
            </span>
          ),
        },
        { header: "Composition", cell: (row) => <Composition components={row.components} /> },
        { header: "Gates", cell: (row) => <GatesSummary gates={row.gates} /> },
        { header: "Served", cell: (row) => <Served metrics={metrics.find((m) => m.release === row.version)} /> },
        {
          header: "Created",
          cell: (row) => (
            <span className="flex flex-col gap-1 text-xs">
              <span>
                {formatDate(row.createdAt)} by {row.createdBy}
              </span>
              <span className="text-muted-foreground">{row.changelog}</span>
            </span>
          ),
        },
        {
          header: <span className="sr-only">Actions</span>,
          className: "text-right",
          cell: (row) => (
            <span className="flex flex-wrap justify-end gap-1">
              <Button
                variant="ghost"
                size="sm"
                aria-expanded={open === row.version}
                aria-label={`Details of ${row.version}`}
                onClick={() => setOpen((current) => (current === row.version ? null : row.version))}
              >
                Details
              </Button>
              {row.archived ? null : (
                <Button
                  variant="outline"
                  size="sm"
                  aria-label={`Promote ${row.version}`}
                  disabled={!policy}
                  onClick={() => onPromote(row)}
                >
                  Promote…
                </Button>
              )}
            </span>
          ),
        },
      ]}
    />
  );
}

/** How the release's stored requests went; "—" for one that has served none. */
function Served({ metrics }: { metrics: ReleaseMetrics | undefined }) {
  if (!metrics) return <span className="text-xs text-muted-foreground">—</span>;
  return (
    <span className="flex flex-col text-xs" data-testid="release-metrics">
      <span>{formatNumber(metrics.requests)} requests</span>
      <span>
        {metrics.meanLatencyMs === null ? "—" : `${formatNumber(metrics.meanLatencyMs)} ms mean`},{" "}
        {metrics.p95LatencyMs === null ? "—" : `${formatNumber(metrics.p95LatencyMs)} ms p95`}
      </span>
      <span>
        {metrics.meanRating === null ? "no ratings" : `${metrics.meanRating.toFixed(2)} / 5`},{" "}
        {metrics.biasFlagRate === null ? "—" : `${(metrics.biasFlagRate * 100).toFixed(1)}% flagged`}
      </span>
    </span>
  );
}
