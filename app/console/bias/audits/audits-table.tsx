"use client";

import { DataTable } from "@/components/console/data-table";
import { formatDate } from "@/components/console/format";
import { Button } from "@/components/ui/button";
import { AuditStatus } from "./audit-status";
import type { Audit } from "./types";

/** Audits newest first, each with its release, status, verdict against the threshold, and who asked. */
export function AuditsTable({
  audits,
  openId,
  onOpen,
}: {
  audits: Audit[];
  openId: number | null;
  onOpen: (id: number) => void;
}) {
  return (
    <div className="overflow-x-auto">
      <DataTable
        rows={audits}
        rowKey={(audit) => audit.id}
        rowProps={(audit) => ({
          "data-testid": `audit-${audit.id}`,
          "data-release": audit.release,
          "aria-selected": audit.id === openId,
          className: audit.id === openId ? "bg-muted/50" : undefined,
        })}
        columns={[
          { header: "Audit", cell: (audit) => `#${audit.id}` },
          { header: "Release", cell: (audit) => <code>{audit.release}</code> },
          { header: "Status", cell: (audit) => <AuditStatus audit={audit} /> },
          { header: "Highest score / threshold", cell: (audit) => <HighestScore audit={audit} /> },
          { header: "Requested by", cell: (audit) => audit.requestedBy },
          { header: "Requested", cell: (audit) => formatDate(audit.createdAt) },
          {
            header: <span className="sr-only">Open</span>,
            cell: (audit) => (
              <Button
                size="sm"
                variant={audit.id === openId ? "default" : "outline"}
                aria-pressed={audit.id === openId}
                aria-label={`Open audit ${audit.id} of ${audit.release}`}
                onClick={() => onOpen(audit.id)}
              >
                Open
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}

/** The attribute closest to (or furthest over) the threshold says how near the release came to failing. */
function HighestScore({ audit }: { audit: Audit }) {
  if (!audit.summary) return <span className="text-muted-foreground">—</span>;
  const [attribute, score] =
    Object.entries(audit.summary.attributes).sort(([, a], [, b]) => b.score - a.score)[0] ?? [];
  if (!attribute || !score) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="text-sm tabular-nums">
      {score.score.toFixed(3)} <span className="text-muted-foreground">({attribute})</span> /{" "}
      {audit.threshold?.toFixed(3) ?? "—"}
    </span>
  );
}
