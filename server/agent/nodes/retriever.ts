import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { retrieveProfiles } from "../../rag";
import { timed } from "../span";
import type { AdviceStateType, AgentEvent } from "../state";

export async function retriever(state: AdviceStateType, config: LangGraphRunnableConfig) {
  const { result, ms } = await timed("agent.retriever", () => retrieveProfiles(state.question, state.k));
  config.writer?.({ type: "sources", profiles: result.profiles } satisfies AgentEvent);
  return {
    profiles: result.profiles,
    versions: { embedder: result.embedderVersion, index: result.indexVersion },
    timings: { retrieverMs: ms, embedMs: result.embedMs, searchMs: result.searchMs },
  };
}
