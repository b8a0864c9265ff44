import { Annotation } from "@langchain/langgraph";
import type { BiasResult } from "../bias";
import type { RetrievedProfile } from "../rag";

/** What flows through the graph: each node returns the part it adds. */
export const AdviceState = Annotation.Root({
  question: Annotation<string>,
  k: Annotation<number>,
  profiles: Annotation<RetrievedProfile[]>,
  advice: Annotation<string>,
  bias: Annotation<BiasResult | null>,
  timings: Annotation<Record<string, number>>({
    reducer: (current, update) => ({ ...current, ...update }),
    default: () => ({}),
  }),
});

export type AdviceStateType = typeof AdviceState.State;

/** Events nodes write to the custom stream while they run (the chat streams them to the browser). */
export type AgentEvent =
  | { type: "sources"; profiles: RetrievedProfile[] }
  | { type: "token"; text: string }
  | { type: "bias"; bias: BiasResult };
