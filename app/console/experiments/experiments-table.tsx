"use client";

import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { Button } from "@/components/ui/button";
import { armLabel, percent } from "./format";
import { StatusBadge } from "./status-badge";
import type { Experiment } from "./types";

/** Every experiment, oldest first, with what may be done to it now. */
export function ExperimentsTable({
  rows,
  selected,
  onSelect,
  onChangeStatus,
}: {
  rows: Experiment[];
  selected: string | null;
  onSelect: (key: string) => void;
  onChangeStatus: (experiment: Experiment, change: "start" | "stop") => void;
}) {
  return (
    <div className="overflow-x-auto">
      <DataTable
        rows={rows}
        rowKey={(row) => row.key}
        rowProps={(row) => ({
          "data-testid": `experiment-${row.key}`,
          "aria-selected": row.key === selected,
          className: row.key === selected ? "bg-muted/50" : undefined,
        })}
        columns={[
          { header: "Key", className: "font-medium", cell: (row) => row.key },
          { header: "Status", cell: (row) => <StatusBadge experiment={row} /> },
          {
            header: "Variants (weight)",
            cell: (row) => (
              <ul className="flex flex-col gap-0.5 text-xs" data-testid="experiment-variants">
                {row.variants.map((release, i) => (
                  <li key={i}>
                    {armLabel(i, release)} {percent(row.weights[i], 0)}
                  </li>
                ))}
              </ul>
            ),
          },
          { header: "Coverage", cell: (row) => percent(row.coverage, 0) },
          { header: "Guardrails", className: "text-xs", cell: (row) => row.guardrails.join(", ") || "none" },
          {
            header: "Created",
            className: "whitespace-nowrap text-xs",
            cell: (row) => `${formatDate(row.createdAt)} by ${row.createdBy}`,
          },
          {
            header: <span className="sr-only">Actions</span>,
            cell: (row) => (
              <div className="flex flex-wrap gap-1">
                <Button
                  size="sm"
                  variant={row.key === selected ? "default" : "outline"}
                  aria-label={`Results of ${row.key}`}
                  aria-pressed={row.key === selected}
                  onClick={() => onSelect(row.key)}
                >
                  Results
                </Button>
                {row.status === "draft" ? (
                  <Button
                    size="sm"
                    variant="outline"
                    aria-label={`Start ${row.key}`}
                    onClick={() => onChangeStatus(row, "start")}
                  >
                    Start…
                  </Button>
                ) : null}
                {row.status === "running" ? (
                  <Button
                    size="sm"
                    variant="outline"
                    aria-label={`Stop ${row.key}`}
                    onClick={() => onChangeStatus(row, "stop")}
                  >
                    Stop…
                  </Button>
                ) : null}
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
