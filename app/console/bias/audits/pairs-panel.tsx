"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { DataTable } from "@/components/console/data-table";
import { Field } from "@/components/console/field";
import { QueryView } from "@/components/console/query-view";
import { Button } from "@/components/ui/button";
import { PairView } from "./pair-view";
import { ATTRIBUTES, CONTROLS, SWAP_LABELS } from "./swaps";
import type { AuditPair, Swap } from "./types";

const PAGE = 25;
const select = "h-9 w-full rounded-md border bg-background px-2 text-sm";

/** Drill-down: the pairs of one attribute or control, most different first; open any one side by side. */
export function PairsPanel({ auditId }: { auditId: number }) {
  const trpc = useTRPC();
  const [swap, setSwap] = useState<Swap>("sex");
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<AuditPair | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const pairs = useQuery({
    ...trpc.fairnessAudits.pairs.queryOptions({ id: auditId, swap, limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });
  const close = () => {
    setOpen(null);
    opener.current?.focus();
  };
  return (
    <section aria-labelledby="pairs-title" className="flex flex-col gap-3">
      <h3 id="pairs-title" className="text-sm font-semibold">
        Cases, most different first
      </h3>
      <div className="max-w-xs">
        <Field label="Attribute or control">
          {(id) => (
            <select
              id={id}
              value={swap}
              className={select}
              onChange={(event) => {
                setSwap(event.target.value as Swap);
                setOffset(0);
                setOpen(null);
              }}
            >
              <optgroup label="Protected attributes">
                {ATTRIBUTES.map((attribute) => (
                  <option key={attribute} value={attribute}>
                    {SWAP_LABELS[attribute]}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Controls">
                {CONTROLS.map((control) => (
                  <option key={control} value={control}>
                    {SWAP_LABELS[control]}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
      </div>
      <QueryView
        query={pairs}
        empty={{
          title: offset ? "No more pairs" : "No pairs yet",
          body: offset ? undefined : "Pairs appear as the audit answers its cases.",
        }}
      >
        {(rows) => (
          <div className="overflow-x-auto">
            <DataTable
              rows={rows}
              rowKey={(pair) => pair.id}
              rowProps={(pair) => ({ "data-testid": "pair", "aria-selected": pair.id === open?.id })}
              columns={[
                { header: "Case", cell: (pair) => <code>{pair.caseId}</code> },
                { header: "Disparity", cell: (pair) => pair.disparity.toFixed(3), className: "tabular-nums" },
                {
                  header: "Labels",
                  cell: (pair) => `${pair.original.label ?? "none"} → ${pair.variant.label ?? "none"}`,
                },
                {
                  header: "Swapped question",
                  cell: (pair) => <span className="line-clamp-2 max-w-md">{pair.variant.question}</span>,
                },
                {
                  header: <span className="sr-only">Open</span>,
                  cell: (pair) => (
                    <Button
                      size="sm"
                      variant={pair.id === open?.id ? "default" : "outline"}
                      aria-label={`Open case ${pair.caseId} (${SWAP_LABELS[pair.swap]})`}
                      aria-expanded={pair.id === open?.id}
                      onClick={(event) => {
                        opener.current = event.currentTarget;
                        setOpen(pair.id === open?.id ? null : pair);
                      }}
                    >
                      {pair.id === open?.id ? "Opened" : "Open"}
                    </Button>
                  ),
                },
              ]}
              detail={(pair) => (pair.id === open?.id ? <PairView pair={pair} onClose={close} /> : null)}
            />
          </div>
        )}
      </QueryView>
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="outline"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE))}
        >
          Previous {PAGE}
        </Button>
        <Button
          size="sm"
          variant="outline"
          disabled={(pairs.data?.length ?? 0) < PAGE}
          onClick={() => setOffset(offset + PAGE)}
        >
          Next {PAGE}
        </Button>
      </div>
    </section>
  );
}
