import type { RecordedSpan } from "../tracing";

/**
 * A stored request's timeline: the spans it recorded, or, for a request stored before spans were
 * kept, the graph's shape rebuilt from its node timings (retriever → analyzer → orchestrator run
 * one after the other; embedding then search inside the retriever). A rebuilt timeline says so.
 */
export interface Timeline {
  spans: RecordedSpan[];
  /** True when rebuilt from `timings` (no recorded spans): offsets are then inferred, not measured. */
  rebuilt: boolean;
}

export function timelineOf(spans: RecordedSpan[] | null, timings: Record<string, number>): Timeline {
  if (spans && spans.length > 0) return { spans, rebuilt: false };
  const ms = (key: string) => (Number.isFinite(timings[key]) ? timings[key]! : 0);
  const rebuilt: RecordedSpan[] = [];
  const add = (name: string, parent: number | null, startMs: number, durationMs: number) =>
    rebuilt.push({ name, parent, startMs, durationMs, status: "ok" }) - 1;
  const nodes = ms("retrieverMs") + ms("analyzerMs") + ms("orchestratorMs");
  const request = add("advice.request", null, 0, Math.max(ms("totalMs"), nodes));
  if (timings.retrieverMs !== undefined) {
    const retriever = add("agent.retriever", request, 0, ms("retrieverMs"));
    if (timings.embedMs !== undefined) add("rag.embed", retriever, 0, ms("embedMs"));
    if (timings.searchMs !== undefined) add("index.search", retriever, ms("embedMs"), ms("searchMs"));
  }
  if (timings.analyzerMs !== undefined) add("agent.analyzer", request, ms("retrieverMs"), ms("analyzerMs"));
  if (timings.orchestratorMs !== undefined)
    add("agent.orchestrator", request, ms("retrieverMs") + ms("analyzerMs"), ms("orchestratorMs"));
  return { spans: rebuilt, rebuilt: true };
}
