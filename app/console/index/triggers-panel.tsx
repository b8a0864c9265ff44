"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ActionForm } from "./action-form";
import { formatBytes } from "./format";
import type { AnnTriggers, TriggerCheck } from "./types";
import { useBuildIndex } from "./use-index-actions";

/** When exact search stops being the right default: the server's thresholds against what it measures. */
export function TriggersPanel() {
  const trpc = useTRPC();
  const triggers = useQuery(trpc.index.triggers.queryOptions());
  return (
    <Card aria-labelledby="index-triggers-title">
      <CardHeader>
        <CardTitle id="index-triggers-title">ANN migration triggers</CardTitle>
        <CardDescription>
          When to move from exact search to an HNSW index, from the last hour of requests.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <QueryView query={triggers} isEmpty={(data) => data.checks.length === 0} empty={{ title: "No checks" }}>
          {(data) => (
            <>
              <ChecksTable checks={data.checks} />
              <Recommendation triggers={data} />
            </>
          )}
        </QueryView>
      </CardContent>
    </Card>
  );
}

function ChecksTable({ checks }: { checks: TriggerCheck[] }) {
  return (
    <DataTable
      rows={checks}
      rowKey={(check) => check.name}
      rowProps={(check) => ({ className: cn(check.exceeded && "bg-red-50 hover:bg-red-50") })}
      columns={[
        { header: "Check", cell: (check) => check.label },
        {
          header: "Value",
          cellProps: (check) => ({ className: cn("tabular-nums", check.exceeded && "font-semibold text-red-800") }),
          cell: (check) => formatCheckValue(check.name, check.value),
        },
        {
          header: "Threshold",
          className: "tabular-nums text-muted-foreground",
          cell: (check) => formatCheckValue(check.name, check.threshold),
        },
        {
          header: <span className="sr-only">Status</span>,
          cell: (check) =>
            check.value === null ? (
              <Badge>no data</Badge>
            ) : check.exceeded ? (
              <Badge tone="bad">exceeded</Badge>
            ) : (
              <Badge tone="good">ok</Badge>
            ),
        },
      ]}
    />
  );
}

function formatCheckValue(name: TriggerCheck["name"], value: number | null): string {
  if (value === null) return "—";
  switch (name) {
    case "memoryBytes":
      return formatBytes(value);
    case "searchShare":
      return `${formatNumber(value * 100, 1)} %`;
    case "searchP95Ms":
      return formatNumber(value, 1);
    case "vectors":
      return formatNumber(value);
  }
}

function Recommendation({ triggers }: { triggers: AnnTriggers }) {
  const build = useBuildIndex();
  const [open, setOpen] = useState(false);
  const [queued, setQueued] = useState<string | null>(null);

  if (!triggers.recommendation) {
    return (
      <p className="text-sm text-muted-foreground">
        {triggers.activeKind === "hnsw"
          ? "The active index is already HNSW."
          : "No threshold is exceeded: exact search remains the right default."}
      </p>
    );
  }
  const close = () => {
    build.reset();
    setOpen(false);
  };
  return (
    <div className="flex flex-col gap-3 rounded-md border bg-muted/40 p-3 text-sm" data-testid="ann-recommendation">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>{triggers.recommendation}</p>
        {open ? null : (
          <Button
            size="sm"
            onClick={() => {
              setQueued(null);
              setOpen(true);
            }}
          >
            Build HNSW index
          </Button>
        )}
      </div>
      {open ? (
        <ActionForm
          name="Build an HNSW index"
          submitLabel="Build HNSW index"
          pendingLabel="Queuing…"
          initialReason={triggers.recommendation}
          pending={build.isPending}
          error={build.error?.message ?? null}
          onSubmit={(reason) =>
            build.mutate(
              { kind: "hnsw", reason },
              {
                onSuccess: (job) => {
                  setOpen(false);
                  setQueued(`Queued ${job.queue} job ${job.id}; follow it under Index jobs.`);
                },
              },
            )
          }
          onCancel={close}
        />
      ) : null}
      {queued ? <Alert tone="success">{queued}</Alert> : null}
    </div>
  );
}
