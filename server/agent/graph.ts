import { END, START, StateGraph } from "@langchain/langgraph";
import { analyzer } from "./nodes/analyzer";
import { orchestrator } from "./nodes/orchestrator";
import { retriever } from "./nodes/retriever";
import { AdviceState } from "./state";

/** retriever → analyzer → orchestrator. Knows nothing of HTTP; callers stream its custom events. */
export const adviceGraph = new StateGraph(AdviceState)
  .addNode("retriever", retriever)
  .addNode("analyzer", analyzer)
  .addNode("orchestrator", orchestrator)
  .addEdge(START, "retriever")
  .addEdge("retriever", "analyzer")
  .addEdge("analyzer", "orchestrator")
  .addEdge("orchestrator", END)
  .compile();
