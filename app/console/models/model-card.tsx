"use client";

import { useRef, useState } from "react";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AliasForm } from "./alias-form";
import { metricsFor } from "./metrics";
import type { ModelVersion, RegistryModel, VersionMetrics } from "./types";
import { VersionDetails } from "./version-details";

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
const ms = (value: number | null) => (value === null ? "—" : `${formatNumber(value)} ms`);

/** What a version's stored requests say, one column each; "—" where no request named the version. */
const METRIC_COLUMNS: { header: string; show: (row: VersionMetrics) => string; testId: string }[] = [
  { header: "Requests", show: (row) => formatNumber(row.requests), testId: "metric-requests" },
  { header: "Mean latency", show: (row) => ms(row.meanLatencyMs), testId: "metric-mean-latency" },
  { header: "p95 latency", show: (row) => ms(row.p95LatencyMs), testId: "metric-p95-latency" },
  {
    header: "Satisfaction",
    show: (row) => (row.meanRating === null ? "—" : `${row.meanRating.toFixed(2)} / 5 (${row.ratings})`),
    testId: "metric-satisfaction",
  },
  { header: "Bias flags", show: (row) => percent(row.biasFlagRate), testId: "metric-bias-rate" },
];

/** One model: its aliases, and each version with its live metrics and, on demand, its metadata. */
export function ModelCard({
  model,
  metrics,
  metricsError,
}: {
  model: RegistryModel;
  metrics: readonly VersionMetrics[];
  metricsError: string | null;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const [movingAlias, setMovingAlias] = useState(false);
  const [moved, setMoved] = useState<string | null>(null);
  // Escape or Cancel puts the keyboard back on the button that opened the form.
  const aliasButton = useRef<HTMLButtonElement>(null);
  const titleId = `model-${model.name}`;
  const aliasesOf = (version: string) => model.aliases.filter((alias) => alias.version === version);

  return (
    <Card aria-labelledby={titleId} data-testid={`model-${model.name}`}>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <CardTitle id={titleId}>{model.name}</CardTitle>
            <CardDescription>
              {model.kind}, registered by {model.createdBy} on {formatDate(model.createdAt)}
            </CardDescription>
          </div>
          <Button
            ref={aliasButton}
            variant="outline"
            size="sm"
            aria-expanded={movingAlias}
            onClick={() => {
              setMoved(null);
              setMovingAlias((current) => !current);
            }}
          >
            Move an alias
          </Button>
        </div>
        <p className="flex flex-wrap items-center gap-1 text-sm" data-testid="model-aliases">
          Aliases:{" "}
          {model.aliases.length === 0 ? (
            <span className="text-muted-foreground">none</span>
          ) : (
            model.aliases.map((alias) => (
              <Badge key={alias.alias} title={`moved by ${alias.movedBy} on ${formatDate(alias.movedAt)}`}>
                {alias.alias} → {alias.version}
              </Badge>
            ))
          )}
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {moved ? <Alert tone="success">{moved}</Alert> : null}
        {movingAlias ? (
          <AliasForm
            model={model}
            onDone={(message) => {
              setMovingAlias(false);
              setMoved(message);
              aliasButton.current?.focus();
            }}
            onCancel={() => {
              setMovingAlias(false);
              aliasButton.current?.focus();
            }}
          />
        ) : null}
        {metricsError ? <Alert tone="error">Live metrics could not be loaded: {metricsError}</Alert> : null}
        <DataTable
          rows={[...model.versions].reverse()}
          rowKey={(row) => row.version}
          rowProps={(row) => ({ "data-testid": `version-${model.name}@${row.version}` })}
          detail={(row) => (open === row.version ? <VersionDetails version={row} /> : null)}
          detailClassName="bg-muted/30 py-3"
          columns={[
            {
              header: "Version",
              className: "font-medium",
              cell: (row) => (
                <span className="flex flex-wrap items-center gap-1">
                  <code>{row.version}</code>
                  {aliasesOf(row.version).map((alias) => (
                    <Badge key={alias.alias} tone={alias.alias === "production" ? "good" : "neutral"}>
                      {alias.alias}
                    </Badge>
                  ))}
                  {row.archivedAt ? <Badge tone="warn">archived</Badge> : null}
                </span>
              ),
            },
            ...METRIC_COLUMNS.map((column) => ({
              header: column.header,
              cell: (row: ModelVersion) => {
                const served = metricsFor(metrics, model.kind, model.name, row.version);
                return <span data-testid={column.testId}>{served ? column.show(served) : "—"}</span>;
              },
            })),
            { header: "Created", cell: (row) => `${formatDate(row.createdAt)} by ${row.createdBy}` },
            {
              header: <span className="sr-only">Details</span>,
              className: "text-right",
              cell: (row) => (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-expanded={open === row.version}
                  aria-label={`Details of ${model.name}@${row.version}`}
                  onClick={() => setOpen((current) => (current === row.version ? null : row.version))}
                >
                  Details
                </Button>
              ),
            },
          ]}
        />
      </CardContent>
    </Card>
  );
}
