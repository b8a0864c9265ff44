"use client";

import { Fragment, type ReactNode } from "react";
import { formatDate, formatNumber } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatBytes, formatDuration } from "./format";
import type { IndexVersion } from "./types";
import type { VersionAction } from "./use-index-actions";
import { VersionCode } from "./version-code";

/** The promotion bar, for the explanation only: the server decides (row.promotionBlocker). */
export const MIN_RECALL = 0.95;
const COLUMNS = 10;

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
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Version</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead>Vectors</TableHead>
          <TableHead>Recall@5</TableHead>
          <TableHead>Build time</TableHead>
          <TableHead>Size</TableHead>
          <TableHead>Created by</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const form = formFor(row.version);
          return (
            <Fragment key={row.version}>
              <TableRow data-testid={`version-${row.version}`} className={row.active ? "bg-emerald-50/50" : undefined}>
                <TableCell>
                  <VersionCode version={row.version} copy />
                </TableCell>
                <TableCell>{row.kind}</TableCell>
                <TableCell>{formatNumber(row.vectors)}</TableCell>
                <TableCell data-testid="recall">
                  <Recall row={row} />
                </TableCell>
                <TableCell>{formatDuration(row.buildMs)}</TableCell>
                <TableCell title={`${formatNumber(row.sizeBytes)} bytes`}>{formatBytes(row.sizeBytes)}</TableCell>
                <TableCell>{row.createdBy}</TableCell>
                <TableCell>{formatDate(row.createdAt)}</TableCell>
                <TableCell>
                  {row.active ? (
                    <Badge tone="good" data-testid="active-badge">
                      active
                    </Badge>
                  ) : wasActive(row) ? (
                    <Badge title={`Last active from ${formatDate(row.activatedAt)}`}>was active</Badge>
                  ) : null}
                </TableCell>
                <TableCell>
                  <RowActions row={row} busy={busy} onAction={onAction} />
                </TableCell>
              </TableRow>
              {form ? (
                <TableRow className="hover:bg-transparent">
                  <TableCell colSpan={COLUMNS} className="bg-muted/30 py-3">
                    {form}
                  </TableCell>
                </TableRow>
              ) : null}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
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
