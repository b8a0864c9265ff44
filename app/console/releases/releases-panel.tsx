"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Composition } from "./composition";
import { CreateReleaseForm } from "./create-release-form";
import type { Release, ReleaseMetrics } from "./types";

/** Picks up promotions made elsewhere (the CLI, another console) without a reload. */
const REFRESH_MS = 10_000;

export function ReleasesPanel() {
  const trpc = useTRPC();
  const releases = useQuery({ ...trpc.releases.list.queryOptions(), refetchInterval: REFRESH_MS });
  const metrics = useQuery({ ...trpc.releases.metrics.queryOptions(), refetchInterval: REFRESH_MS });
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  const closeCreate = () => {
    setCreating(false);
    createButton.current?.focus();
  };

  return (
    <Card aria-labelledby="releases-title">
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <CardTitle id="releases-title">Releases</CardTitle>
            <CardDescription>Highest version first. Releases are immutable: a change is a new release.</CardDescription>
          </div>
          <Button
            ref={createButton}
            size="sm"
            variant={creating ? "ghost" : "default"}
            aria-expanded={creating}
            onClick={() => {
              setDone(null);
              setCreating((current) => !current);
            }}
          >
            {creating ? "Close" : "Create a release"}
          </Button>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {done ? <Alert tone="success">{done}</Alert> : null}
        {creating ? (
          <div className="rounded-md border bg-muted/30 p-3">
            <CreateReleaseForm
              releases={releases.data ?? []}
              onDone={(message) => {
                setDone(message);
                closeCreate();
              }}
              onCancel={closeCreate}
            />
          </div>
        ) : null}
        {metrics.error ? <Alert tone="error">Live metrics could not be loaded: {metrics.error.message}</Alert> : null}
        <QueryView
          query={releases}
          empty={{
            title: "No release yet",
            body: "The first start registers what the environment configures as release 1.0.0.",
          }}
        >
          {(rows) => <ReleasesTable rows={rows} metrics={metrics.data ?? []} />}
        </QueryView>
      </CardContent>
    </Card>
  );
}

function ReleasesTable({ rows, metrics }: { rows: Release[]; metrics: ReleaseMetrics[] }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.version}
      rowProps={(row) => ({ "data-testid": `release-${row.version}` })}
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
              </span>
            </span>
          ),
        },
        { header: "Composition", cell: (row) => <Composition components={row.components} /> },
        {
          header: "Served",
          cell: (row) => <Served metrics={metrics.find((m) => m.release === row.version)} />,
        },
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
