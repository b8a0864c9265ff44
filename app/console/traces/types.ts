import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type TracesOutputs = inferRouterOutputs<AppRouter>["traces"];

export type TraceSummary = TracesOutputs["search"][number];
export type TraceDetail = TracesOutputs["get"];
export type TraceSpan = TraceDetail["timeline"]["spans"][number];

/** The search as the form holds it (the server's input, with the form's own empty values). */
export interface TraceFilter {
  id?: string;
  user?: string;
  from?: Date;
  to?: Date;
  release?: string;
  flagged?: boolean;
}
