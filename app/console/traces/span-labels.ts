import type { WaterfallSpan } from "@/components/console/waterfall";

/** What the trace view calls the product's spans (server/advice, server/agent, server/rag). */
const LABELS: Record<string, string> = {
  "advice.request": "request",
  "serving.decide": "serving decision",
  "agent.retriever": "retriever",
  "rag.embed": "embed",
  "index.search": "search",
  "rag.documents": "documents",
  "agent.analyzer": "analyzer",
  "llm.generate": "llm",
  "agent.orchestrator": "orchestrator",
};

export const spanLabel = (span: { name: string }) => LABELS[span.name] ?? span.name;

/** Graph nodes, the model, search and the rest each in a colour of their own. */
export function spanTone(span: WaterfallSpan): string {
  if (span.name.startsWith("agent.")) return "bg-sky-500";
  if (span.name.startsWith("llm.")) return "bg-violet-500";
  if (span.name.startsWith("index.") || span.name.startsWith("rag.")) return "bg-emerald-500";
  if (span.name === "advice.request") return "bg-slate-400";
  return "bg-amber-500";
}
