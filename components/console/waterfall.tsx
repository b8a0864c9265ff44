"use client";

import { useMemo, useRef, type KeyboardEvent } from "react";
import { cn } from "../ui/cn";

export interface WaterfallSpan {
  name: string;
  /** Index of the parent in the same list; null for a root. */
  parent: number | null;
  startMs: number;
  durationMs: number;
  status: "ok" | "error";
  events?: { name: string; atMs: number }[];
}

interface Row {
  index: number;
  span: WaterfallSpan;
  depth: number;
}

/** Parents before their children, siblings by start: the order a trace is read in. */
function treeOrder(spans: WaterfallSpan[]): Row[] {
  const children = new Map<number | null, number[]>();
  spans.forEach((span, index) => {
    // A parent that is not in the list (cut off) makes the span a root rather than hiding it.
    const parent = span.parent !== null && spans[span.parent] ? span.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), index]);
  });
  const rows: Row[] = [];
  const visit = (parent: number | null, depth: number) => {
    const ordered = [...(children.get(parent) ?? [])].sort((a, b) => spans[a]!.startMs - spans[b]!.startMs);
    for (const index of ordered) {
      rows.push({ index, span: spans[index]!, depth });
      visit(index, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

export const formatMs = (ms: number) =>
  ms >= 1000
    ? `${(ms / 1000).toFixed(2)} s`
    : `${ms.toLocaleString("en-US", { maximumFractionDigits: ms < 10 ? 2 : 1 })} ms`;

const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * A request's spans as a horizontal waterfall: one row per span, indented under its parent, its
 * bar placed by start offset and sized by duration on one time axis. Rows are buttons (Tab to
 * reach the list, arrow keys, Home and End to move within it); choosing one calls `onSelect`.
 */
export function Waterfall({
  spans,
  labelOf = (span) => span.name,
  toneOf = () => "bg-sky-500",
  selected,
  onSelect,
  label = "Spans",
}: {
  spans: WaterfallSpan[];
  labelOf?: (span: WaterfallSpan) => string;
  /** A background class for a span's bar (failed spans are always red). */
  toneOf?: (span: WaterfallSpan) => string;
  selected?: number | null;
  onSelect?: (index: number) => void;
  label?: string;
}) {
  const rows = useMemo(() => treeOrder(spans), [spans]);
  const total = Math.max(1e-6, ...spans.map((span) => span.startMs + span.durationMs));
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const percent = (ms: number) => `${Math.min(100, Math.max(0, (ms / total) * 100))}%`;

  const move = (event: KeyboardEvent, position: number) => {
    const target = { ArrowDown: position + 1, ArrowUp: position - 1, Home: 0, End: rows.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    buttons.current[Math.min(rows.length - 1, Math.max(0, target))]?.focus();
  };

  return (
    <div data-testid="waterfall" className="flex flex-col gap-1">
      <div aria-hidden className="grid grid-cols-[minmax(9rem,15rem)_1fr_5rem] gap-2 text-xs text-muted-foreground">
        <span />
        <div className="relative h-4">
          {TICKS.map((tick) => (
            <span
              key={tick}
              className={cn("absolute", tick === 1 ? "-translate-x-full" : tick > 0 && "-translate-x-1/2")}
              style={{ left: `${tick * 100}%` }}
            >
              {formatMs(total * tick)}
            </span>
          ))}
        </div>
        <span className="text-right">duration</span>
      </div>
      <ol aria-label={label} className="flex flex-col gap-0.5">
        {rows.map(({ index, span, depth }, position) => (
          <li key={index} data-testid="span-row" data-span={span.name}>
            <button
              type="button"
              ref={(element) => void (buttons.current[position] = element)}
              onClick={() => onSelect?.(index)}
              onKeyDown={(event) => move(event, position)}
              aria-pressed={selected === index}
              aria-label={`${labelOf(span)}: starts at ${formatMs(span.startMs)}, takes ${formatMs(span.durationMs)}${span.status === "error" ? ", failed" : ""}`}
              className={cn(
                "grid w-full grid-cols-[minmax(9rem,15rem)_1fr_5rem] items-center gap-2 rounded-sm px-1 py-0.5 text-left text-sm hover:bg-muted",
                selected === index && "bg-muted",
              )}
            >
              <span className="truncate" style={{ paddingLeft: `${depth}rem` }}>
                {labelOf(span)}
              </span>
              <span className="relative h-4 rounded-sm bg-muted/60">
                <span
                  className={cn(
                    "absolute inset-y-0 min-w-[2px] rounded-sm",
                    span.status === "error" ? "bg-red-500" : toneOf(span),
                  )}
                  style={{ left: percent(span.startMs), width: percent(span.durationMs) }}
                />
                {(span.events ?? []).map((event) => (
                  <span
                    key={`${event.name}-${event.atMs}`}
                    title={`${event.name} at ${formatMs(event.atMs)}`}
                    className="absolute inset-y-[-2px] w-0.5 bg-foreground"
                    style={{ left: percent(event.atMs) }}
                  />
                ))}
              </span>
              <span className="text-right tabular-nums">{formatMs(span.durationMs)}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
