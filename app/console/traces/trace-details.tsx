"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { formatDate } from "@/components/console/format";
import { QueryView } from "@/components/console/query-view";
import { formatMs, Waterfall } from "@/components/console/waterfall";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { armOf, BiasBadge, StatusBadge } from "./results-table";
import { spanLabel, spanTone } from "./span-labels";
import type { TraceDetail, TraceSpan } from "./types";

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="truncate text-sm">{children}</dd>
    </div>
  );
}

/** The chosen span's recorded attributes and events. */
function SpanFacts({ span }: { span: TraceSpan }) {
  const attributes = Object.entries(span.attributes ?? {});
  return (
    <div data-testid="span-facts" className="mt-3 rounded-md border p-3 text-sm">
      <p className="font-medium">
        {spanLabel(span)} <code className="text-xs text-muted-foreground">{span.name}</code>
      </p>
      <p className="text-muted-foreground">
        starts at {formatMs(span.startMs)}, takes {formatMs(span.durationMs)}
        {span.status === "error" ? ", failed" : ""}
      </p>
      {attributes.length > 0 || (span.events ?? []).length > 0 ? (
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
          {attributes.map(([key, value]) => (
            <Term key={key} label={key}>
              <code>{String(value)}</code>
            </Term>
          ))}
          {(span.events ?? []).map((event) => (
            <Term key={`${event.name}-${event.atMs}`} label={`event: ${event.name}`}>
              at {formatMs(event.atMs)}
            </Term>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

function Timeline({ trace }: { trace: TraceDetail }) {
  const [selected, setSelected] = useState<number | null>(null);
  const span = selected !== null ? trace.timeline.spans[selected] : undefined;
  return (
    <Card aria-labelledby="trace-timeline-title">
      <CardHeader>
        <CardTitle id="trace-timeline-title">Timeline</CardTitle>
        <CardDescription>
          {trace.timeline.rebuilt
            ? "Rebuilt from the node timings stored with this request (it predates recorded spans): offsets are inferred."
            : "Each span of the request, placed by when it started; choose one for its details (arrow keys move between spans)."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Waterfall
          spans={trace.timeline.spans}
          labelOf={spanLabel}
          toneOf={spanTone}
          selected={selected}
          onSelect={(index) => setSelected(index === selected ? null : index)}
          label="Spans of the request"
        />
        {span ? <SpanFacts span={span} /> : null}
      </CardContent>
    </Card>
  );
}

function Details({ trace, onClose }: { trace: TraceDetail; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a trace moves the focus to it: a keyboard user lands on what they opened.
  useEffect(() => heading.current?.focus(), [trace.id]);
  return (
    <div className="grid grid-cols-1 gap-4" data-testid="trace-details">
      <Card aria-labelledby="trace-title">
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
          <div>
            <CardTitle id="trace-title" ref={heading} tabIndex={-1}>
              Request <code className="text-sm">{trace.id}</code>
            </CardTitle>
            <CardDescription>
              {formatDate(trace.createdAt)} via {trace.channel}, {formatMs(trace.totalMs ?? 0)} in total
            </CardDescription>
          </div>
          <Button variant="outline" size="sm" onClick={onClose}>
            Close
          </Button>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Term label="Status">
              <StatusBadge status={trace.status} />
            </Term>
            <Term label="Who">{trace.who ?? "—"}</Term>
            <Term label="Release">{trace.release ? <code>{trace.release}</code> : "—"}</Term>
            <Term label="Experiment arm">{armOf(trace)}</Term>
            <Term label="Prompt version">{trace.promptVersion ? <code>{trace.promptVersion}</code> : "—"}</Term>
            <Term label="Bias verdict">
              <BiasBadge flagged={trace.bias.flagged} />
              {trace.bias.score !== null ? ` score ${trace.bias.score.toFixed(2)}` : ""}
            </Term>
            <Term label="Request id">{trace.requestId ? <code>{trace.requestId}</code> : "—"}</Term>
            <Term label="Trace id">{trace.traceId ? <code>{trace.traceId}</code> : "—"}</Term>
          </dl>
          {trace.error ? (
            <Alert tone="error" className="mt-3">
              {trace.error}
            </Alert>
          ) : null}
        </CardContent>
      </Card>
      <Timeline trace={trace} />
      <Card aria-labelledby="trace-answer-title">
        <CardHeader>
          <CardTitle id="trace-answer-title">Question and answer</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3 text-sm">
          <p className="whitespace-pre-wrap rounded-md bg-muted/40 p-3">{trace.question}</p>
          <p data-testid="trace-answer" className="whitespace-pre-wrap">
            {trace.answer || <span className="text-muted-foreground">No answer was written.</span>}
          </p>
          {trace.bias.reasons.length > 0 ? (
            <div>
              <p className="font-medium">Why the bias check flagged it</p>
              <ul className="list-disc pl-5">
                {trace.bias.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="text-xs text-muted-foreground">
            {Object.entries(trace.versions)
              .map(([component, version]) => `${component} ${version}`)
              .join(" · ")}
          </p>
        </CardContent>
      </Card>
      <Card aria-labelledby="trace-sources-title">
        <CardHeader>
          <CardTitle id="trace-sources-title">Sources ({trace.sources.length})</CardTitle>
        </CardHeader>
        <CardContent>
          {trace.sources.length === 0 ? (
            <p className="text-sm text-muted-foreground">No sources were retrieved.</p>
          ) : (
            <ol className="flex flex-col gap-2 text-sm">
              {trace.sources.map((source) => (
                <li key={source.id} data-testid="trace-source" className="rounded-md border p-2">
                  <span className="font-mono text-xs">
                    #{source.id} · similarity {source.score.toFixed(3)}
                  </span>
                  <p className="line-clamp-3 text-muted-foreground">{source.text ?? "(deleted since)"}</p>
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

/** One stored request: what it went through and what it answered. */
export function TraceDetails({ adviceId, onClose }: { adviceId: string; onClose: () => void }) {
  const trpc = useTRPC();
  // An unknown id stays unknown: no retries.
  const trace = useQuery({ ...trpc.traces.get.queryOptions({ adviceId }), retry: false });
  return (
    <section aria-label="Trace">
      <QueryView query={trace} isEmpty={() => false} empty={{ title: "" }}>
        {(data) => <Details trace={data} onClose={onClose} />}
      </QueryView>
    </section>
  );
}
