"use client";

import { type ReactNode } from "react";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatBytes, formatDuration } from "./format";
import type { IndexVersion } from "./types";
import type { VersionAction } from "./use-index-actions";
import { VersionCode } from "./version-code";
import { VersionHistory } from "./version-history";

/** The promotion bar, for the explanation only: the server decides (row.promotionBlocker). */
export const MIN_RECALL = 0.95;

/** Why a second recall figure: the one ann-benchmarks publishes, so ours compares with theirs. */
const EPSILON_RECALL_HINT =
  "ann-benchmarks' ε-recall (ε = 0.01): a result counts when it is within 1 % of the 5th exact result's distance. " +
  "Shown for comparison; promotion is gated on strict recall@5.";

export const wasActive = (row: IndexVersion) => !row.active && row.activatedAt !== null;

export function VersionsTable({
  rows,
  busy,
  onAction,
  formFor,
}: {
  rows: IndexVersion[];
  /** An action is on its way: row actions wait for it. */
  busy: boolean;
  onAction: (action: VersionAction) => void;
  /** The open action form for this version, shown under its row. */
  formFor: (version: string) => ReactNode;
}) {
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.version}
      rowProps={(row) => ({
        "data-testid": `version-${row.version}`,
        className: row.active ? "bg-emerald-50/50" : undefined,
      })}
      detail={(row) => versionDetail(row, formFor(row.version))}
      detailClassName="bg-muted/30 py-3"
      columns={[
        { header: "Version", cell: (row) => <VersionCode version={row.version} copy /> },
        { header: "Kind", cell: (row) => row.kind },
        { header: "Vectors", cell: (row) => formatNumber(row.vectors) },
        { header: "Recall@5", cellProps: () => ({ "data-testid": "recall" }), cell: (row) => <Recall row={row} /> },
        {
          header: <abbr title={EPSILON_RECALL_HINT}>ε-recall@5</abbr>,
          cellProps: () => ({ "data-testid": "epsilon-recall" }),
          cell: (row) =>
            row.epsilonRecall === null ? (
              <span className="text-muted-foreground">—</span>
            ) : (
              row.epsilonRecall.toFixed(3)
            ),
        },
        { header: "Build time", cell: (row) => formatDuration(row.buildMs) },
        {
          header: "Size",
          cellProps: (row) => ({ title: `${formatNumber(row.sizeBytes)} bytes` }),
          cell: (row) => formatBytes(row.sizeBytes),
        },
        { header: "Created by", cell: (row) => row.createdBy },
        { header: "Created", cell: (row) => formatDate(row.createdAt) },
        {
          header: "Status",
          cell: (row) =>
            row.active ? (
              <Badge tone="good" data-testid="active-badge">
                active
              </Badge>
            ) : wasActive(row) ? (
              <Badge title={`Last active from ${formatDate(row.activatedAt)}`}>was active</Badge>
            ) : null,
        },
        {
          header: <span className="sr-only">Actions</span>,
          cell: (row) => <RowActions row={row} busy={busy} onAction={onAction} />,
        },
      ]}
    />
  );
}

/** Under a row: its open action form, if any, then when and why it was made active; nothing when neither. */
function versionDetail(row: IndexVersion, form: ReactNode): ReactNode {
  if (!form && row.history.length === 0) return null;
  return (
    <div className="flex flex-col gap-3">
      {form}
      {row.history.length > 0 ? <VersionHistory version={row.version} history={row.history} /> : null}
    </div>
  );
}

function Recall({ row }: { row: IndexVersion }) {
  if (row.recall === null) return <span className="text-muted-foreground">not validated</span>;
  const recall = row.recall.toFixed(3);
  return (
    <span className="whitespace-nowrap">
      {row.recall < MIN_RECALL ? <Badge tone="warn">{recall}</Badge> : recall}
      {row.efSearch !== null ? <span className="text-muted-foreground"> at ef {row.efSearch}</span> : null}
    </span>
  );
}

function RowActions({
  row,
  busy,
  onAction,
}: {
  row: IndexVersion;
  busy: boolean;
  onAction: (action: VersionAction) => void;
}) {
  const blocker = row.promotionBlocker;
  return (
    <div className="flex justify-end gap-2">
      {row.recall === null ? (
        <Button
          variant="outline"
          size="sm"
          disabled={busy}
          onClick={() => onAction({ type: "validate", version: row.version })}
        >
          Validate
        </Button>
      ) : null}
      {/* A disabled button gets no pointer events, so the reason sits on a wrapper to show on hover. */}
      <span title={blocker ?? undefined} className="inline-flex">
        <Button
          variant="outline"
          size="sm"
          disabled={busy || blocker !== null}
          aria-description={blocker ?? undefined}
          onClick={() => onAction({ type: "promote", version: row.version })}
        >
          Promote
        </Button>
      </span>
      {wasActive(row) ? (
        <Button
          variant="outline"
          size="sm"
          disabled={busy}
          onClick={() => onAction({ type: "rollback", version: row.version })}
        >
          Roll back to this version
        </Button>
      ) : null}
    </div>
  );
}
