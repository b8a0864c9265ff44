import { END, START, StateGraph } from "@langchain/langgraph";
import { AdviceConfiguration, type AdviceEngines } from "./engines";
import { analyzer } from "./nodes/analyzer";
import { orchestrator } from "./nodes/orchestrator";
import { retriever } from "./nodes/retriever";
import { AdviceState } from "./state";

/** retriever → analyzer → orchestrator. Knows nothing of HTTP; callers stream its custom events. */
export const adviceGraph = new StateGraph(AdviceState, AdviceConfiguration)
  .addNode("retriever", retriever)
  .addNode("analyzer", analyzer)
  .addNode("orchestrator", orchestrator)
  .addEdge(START, "retriever")
  .addEdge("retriever", "analyzer")
  .addEdge("analyzer", "orchestrator")
  .addEdge("orchestrator", END)
  .compile();

/**
 * Streams the graph for one question with the engines the request was decided with, as
 * [mode, chunk] pairs: "custom" (AgentEvent) and "values" (the state so far).
 */
export function runAdviceGraph(
  input: { question: string; k: number },
  engines: AdviceEngines,
  options: { signal?: AbortSignal } = {},
) {
  return adviceGraph.stream(input, {
    streamMode: ["custom", "values"],
    signal: options.signal,
    configurable: { engines },
  });
}
