import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { MAX_ADVICE_TOKENS, resolveAnalyzer, type Analyzer } from "../../llm";
import { timed } from "../span";
import type { AdviceStateType, AgentEvent } from "../state";

export async function analyzer(state: AdviceStateType, config: LangGraphRunnableConfig) {
  // The caller may choose the analyzer (an experiment variant, a test); otherwise the configured one.
  const model = (config.configurable?.analyzer as Analyzer | undefined) ?? (await resolveAnalyzer());
  let advice = "";
  const { ms } = await timed("agent.analyzer", async () => {
    const stream = model.stream({
      question: state.question,
      profiles: state.profiles,
      maxTokens: MAX_ADVICE_TOKENS,
      signal: config.signal,
    });
    for await (const text of stream) {
      advice += text;
      config.writer?.({ type: "token", text } satisfies AgentEvent);
    }
  });
  return { advice: advice.trim(), versions: { analyzer: model.version }, timings: { analyzerMs: ms } };
}
