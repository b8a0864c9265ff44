import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A request's own copy of its spans, kept with the stored request for the console's trace view
 * (whether or not anything exports spans): names, parents, start offsets and durations, and the
 * few attributes a span chose to record. Independent of OpenTelemetry's context, which does not
 * follow async work when no tracer provider is registered (tests, the CLI).
 */

export type SpanValue = string | number | boolean;

export interface RecordedSpan {
  name: string;
  /** Index of the parent span in the same list; null for the request itself. */
  parent: number | null;
  /** Milliseconds from the start of the request. */
  startMs: number;
  durationMs: number;
  status: "ok" | "error";
  attributes?: Record<string, SpanValue>;
  /** Points in time within the span (e.g. the LLM's first token), from the start of the request. */
  events?: { name: string; atMs: number }[];
}

/** Enough for every node of a request; a runaway loop of spans must not make the stored row huge. */
const MAX_SPANS = 100;

const round = (ms: number) => Math.round(ms * 100) / 100;

export class SpanRecorder {
  private readonly origin = performance.now();
  private readonly spans: (RecordedSpan & { open: boolean; started: number })[] = [];

  /** Opens a span under `parent`; null when the list is full (the span is then not recorded). */
  open(name: string, parent: number | null, attributes?: Record<string, SpanValue>): number | null {
    if (this.spans.length >= MAX_SPANS) return null;
    const started = performance.now();
    this.spans.push({
      name,
      parent,
      startMs: round(started - this.origin),
      durationMs: 0,
      status: "ok",
      ...(attributes && Object.keys(attributes).length > 0 ? { attributes: { ...attributes } } : {}),
      open: true,
      started,
    });
    return this.spans.length - 1;
  }

  setAttributes(index: number, attributes: Record<string, SpanValue>): void {
    const span = this.spans[index];
    if (span) span.attributes = { ...span.attributes, ...attributes };
  }

  addEvent(index: number, name: string): void {
    const span = this.spans[index];
    if (span) span.events = [...(span.events ?? []), { name, atMs: round(performance.now() - this.origin) }];
  }

  close(index: number, status: "ok" | "error"): void {
    const span = this.spans[index];
    if (!span?.open) return;
    span.open = false;
    span.status = status;
    span.durationMs = round(performance.now() - span.started);
  }

  /** The spans so far; any still open (the request itself, while it is being stored) end now. */
  snapshot(): RecordedSpan[] {
    const now = performance.now();
    return this.spans.map(({ open, started, ...span }) =>
      open ? { ...span, durationMs: round(now - started) } : span,
    );
  }
}

interface Scope {
  recorder: SpanRecorder;
  parent: number | null;
}

const holder = globalThis as typeof globalThis & { __apfaSpanScope?: AsyncLocalStorage<Scope> };
const storage = (holder.__apfaSpanScope ??= new AsyncLocalStorage<Scope>());

/** Runs `fn` with a new recorder: spans opened inside it (withSpan) are recorded in it. */
export function withSpanRecorder<T>(fn: (recorder: SpanRecorder) => T): T {
  const recorder = new SpanRecorder();
  return storage.run({ recorder, parent: null }, () => fn(recorder));
}

export function currentSpanScope(): Scope | undefined {
  return storage.getStore();
}

export function withSpanScope<T>(scope: Scope, fn: () => T): T {
  return storage.run(scope, fn);
}
