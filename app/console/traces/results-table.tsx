"use client";

import Link from "next/link";
import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { formatMs } from "@/components/console/waterfall";
import { Badge } from "@/components/ui/badge";
import type { TraceSummary } from "./types";

export function StatusBadge({ status }: { status: TraceSummary["status"] }) {
  return <Badge tone={status === "ok" ? "good" : status === "error" ? "bad" : "neutral"}>{status}</Badge>;
}

export function BiasBadge({ flagged }: { flagged: boolean | null }) {
  if (flagged === null) return <span className="text-muted-foreground">—</span>;
  return flagged ? <Badge tone="warn">flagged</Badge> : <span className="text-muted-foreground">clear</span>;
}

export const armOf = (row: { experiment: string | null; variant: number | null }) =>
  row.experiment ? `${row.experiment} · ${row.variant === 0 ? "control" : `arm ${row.variant}`}` : "—";

/** The requests found, newest first; each opens its trace (a link: it can be opened in a new tab too). */
export function TraceResults({ rows, selected }: { rows: TraceSummary[]; selected: string | null }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.id}
      rowProps={(row) => ({
        "data-testid": "trace-result",
        "aria-current": row.id === selected ? "true" : undefined,
        className: row.id === selected ? "bg-muted" : undefined,
      })}
      columns={[
        { header: "When", className: "whitespace-nowrap", cell: (row) => formatDate(row.createdAt) },
        {
          header: "Request",
          cell: (row) => (
            <Link
              href={`/console/traces?trace=${row.id}`}
              scroll={false}
              className="font-mono text-xs underline underline-offset-2"
              aria-label={`Open the trace of request ${row.id}`}
            >
              {row.id.slice(0, 8)}
            </Link>
          ),
        },
        { header: "Who", className: "max-w-40 truncate", cell: (row) => row.who ?? "—" },
        {
          header: "Question",
          className: "max-w-64 truncate",
          cellProps: (row) => ({ title: row.questionStart }),
          cell: (row) => row.questionStart,
        },
        { header: "Release", cell: (row) => (row.release ? <code>{row.release}</code> : "—") },
        { header: "Arm", className: "whitespace-nowrap", cell: armOf },
        { header: "Status", cell: (row) => <StatusBadge status={row.status} /> },
        { header: "Bias", cell: (row) => <BiasBadge flagged={row.flagged} /> },
        {
          header: "Total",
          className: "text-right tabular-nums whitespace-nowrap",
          cell: (row) => (row.totalMs === null ? "—" : formatMs(row.totalMs)),
        },
      ]}
    />
  );
}
