import { Annotation } from "@langchain/langgraph";
import type { BiasResult } from "../bias";
import type { RetrievedProfile } from "../rag";
import type { CitedStatement, ReasonsTrail } from "../reasons";

/** What flows through the graph: each node returns the part it adds. */
export const AdviceState = Annotation.Root({
  question: Annotation<string>,
  k: Annotation<number>,
  profiles: Annotation<RetrievedProfile[]>,
  advice: Annotation<string>,
  /** Which retrieved profiles and fields each statement of the advice relied on (server/reasons). */
  reasons: Annotation<ReasonsTrail>,
  bias: Annotation<BiasResult | null>,
  timings: Annotation<Record<string, number>>({
    reducer: (current, update) => ({ ...current, ...update }),
    default: () => ({}),
  }),
});

export type AdviceStateType = typeof AdviceState.State;

/**
 * Events nodes write to the custom stream while they run. The chat streams them to the browser,
 * except `statement`: what a citing analyzer wrote a statement from, reported before its text,
 * which the caller keeps for the trail of a stopped answer (server/advice/run.ts) and never sends.
 */
export type AgentEvent =
  | { type: "sources"; profiles: RetrievedProfile[] }
  | { type: "token"; text: string }
  | { type: "statement"; statement: CitedStatement }
  | { type: "bias"; bias: BiasResult };
