import { retrieveProfiles } from "../../rag";
import { enginesOf, type AdviceRunConfig } from "../engines";
import { timed } from "../span";
import type { AdviceStateType, AgentEvent } from "../state";

export async function retriever(state: AdviceStateType, config: AdviceRunConfig) {
  const { embedder, index } = enginesOf(config);
  const { result, ms } = await timed("agent.retriever", () =>
    retrieveProfiles(state.question, { embedder, index }, state.k),
  );
  config.writer?.({ type: "sources", profiles: result.profiles } satisfies AgentEvent);
  return {
    profiles: result.profiles,
    timings: { retrieverMs: ms, embedMs: result.embedMs, searchMs: result.searchMs },
  };
}
