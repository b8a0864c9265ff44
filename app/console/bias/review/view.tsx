"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { formatDate, formatNumber } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { PageHeader } from "@/components/console/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { AssignDialog } from "./assign-dialog";
import { BulkDialog, type BulkKind } from "./bulk-dialog";
import { DecideDialog } from "./decide-dialog";
import { ReviewFilters } from "./filters";
import { LabelledSetSummary } from "./labelled-set-summary";
import { PrecisionSummary } from "./precision-summary";
import type { ReviewFilter, ReviewItem } from "./types";

const PAGE = 50;
const TONE = { open: "warn", confirmed: "bad", dismissed: "good" } as const;

type Open = { kind: "decide" | "assign"; item: ReviewItem } | { kind: "bulk"; action: BulkKind; count: number } | null;

export function ReviewView() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<ReviewFilter>({ status: "open" });
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<string | null>(null);
  const list = useQuery({
    ...trpc.review.list.queryOptions({ filter, limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  const done = (text: string) => {
    setOpen(null);
    setMessage(text);
  };
  const changeFilter = (next: ReviewFilter) => {
    setFilter(next);
    setOffset(0);
  };

  return (
    <>
      <PageHeader
        title="Review queue"
        description="Answers the bias detector flagged, for a person to confirm or dismiss; decisions measure the detector's precision."
        actions={
          <Link href="/console/bias" className="text-sm underline">
            Back to Bias & fairness
          </Link>
        }
      />
      <PrecisionSummary />
      <div className="mt-3">
        <LabelledSetSummary />
      </div>
      <div className="mt-6 flex flex-col gap-3">
        <ReviewFilters filter={filter} onChange={changeFilter} />
        {message ? (
          <Alert tone="info" data-testid="review-message">
            {message}
          </Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-2" data-testid="bulk-actions">
          <span className="text-sm">
            {list.data ? `${total} ${total === 1 ? "item matches" : "items match"} the filter.` : "Counting…"} Act on
            all of them:
          </span>
          {(["assign", "confirm", "dismiss"] as const).map((action) => (
            <Button
              key={action}
              size="sm"
              variant="outline"
              disabled={!list.data || total === 0 || list.isFetching}
              onClick={() => setOpen({ kind: "bulk", action, count: total })}
            >
              {action === "assign" ? "Assign all…" : action === "confirm" ? "Confirm all…" : "Dismiss all…"}
            </Button>
          ))}
        </div>
        <QueryView
          query={list}
          isEmpty={(data) => data.items.length === 0}
          empty={{ title: "No items match", body: "Flagged answers appear here as they are stored." }}
        >
          {({ items }) => (
            <>
              <DataTable
                rows={items}
                rowKey={(row) => row.id}
                rowProps={(row) => ({ "data-testid": `review-item-${row.id}` })}
                columns={[
                  { header: "Item", cell: (row) => row.id },
                  { header: "Created", cell: (row) => formatDate(row.createdAt) },
                  { header: "Release", cell: (row) => (row.release ? <code>{row.release}</code> : "—") },
                  { header: "Score", cell: (row) => formatNumber(row.score, 3) },
                  {
                    header: "Question and reasons",
                    cell: (row) => (
                      <div className="flex max-w-md flex-col gap-1">
                        <span className="line-clamp-2">{row.question}</span>
                        <span className="text-xs text-muted-foreground">{row.reasons.join("; ")}</span>
                      </div>
                    ),
                  },
                  { header: "Status", cell: (row) => <Badge tone={TONE[row.status]}>{row.status}</Badge> },
                  { header: "Assignee", cell: (row) => row.assignee ?? "—" },
                  {
                    header: "Decision",
                    cell: (row) =>
                      row.decidedBy ? (
                        <span className="text-xs" title={row.note ?? undefined}>
                          {row.decidedBy}, {formatDate(row.decidedAt)}: {row.note}
                        </span>
                      ) : (
                        "—"
                      ),
                  },
                  {
                    header: "",
                    cell: (row) => (
                      <div className="flex gap-1">
                        <Button size="sm" onClick={() => setOpen({ kind: "decide", item: row })}>
                          {row.status === "open" ? "Decide" : "Re-decide"}
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "assign", item: row })}>
                          Assign
                        </Button>
                      </div>
                    ),
                  },
                ]}
              />
              <div className="flex items-center justify-end gap-2 text-sm">
                <span>
                  {offset + 1}–{offset + items.length} of {total}
                </span>
                <Button size="sm" variant="outline" disabled={offset === 0} onClick={() => setOffset(offset - PAGE)}>
                  Previous
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  disabled={offset + PAGE >= total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  Next
                </Button>
              </div>
            </>
          )}
        </QueryView>
      </div>
      {open?.kind === "decide" ? <DecideDialog item={open.item} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === "assign" ? <AssignDialog item={open.item} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === "bulk" ? (
        <BulkDialog kind={open.action} filter={filter} count={open.count} onClose={() => setOpen(null)} onDone={done} />
      ) : null}
    </>
  );
}
