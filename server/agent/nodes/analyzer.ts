import { MAX_ADVICE_TOKENS } from "../../llm";
import { enginesOf, type AdviceRunConfig } from "../engines";
import { timed } from "../span";
import type { AdviceStateType, AgentEvent } from "../state";

export async function analyzer(state: AdviceStateType, config: AdviceRunConfig) {
  const { analyzer: model, systemPrompt } = enginesOf(config);
  let advice = "";
  const { ms } = await timed("agent.analyzer", async () => {
    const stream = model.stream({
      question: state.question,
      profiles: state.profiles,
      maxTokens: MAX_ADVICE_TOKENS,
      systemPrompt,
      signal: config.signal,
    });
    for await (const text of stream) {
      advice += text;
      config.writer?.({ type: "token", text } satisfies AgentEvent);
    }
  });
  return { advice: advice.trim(), timings: { analyzerMs: ms } };
}
