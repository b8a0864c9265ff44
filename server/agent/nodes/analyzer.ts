import { MAX_ADVICE_TOKENS } from "../../llm";
import { reasonsTrail, type CitedStatement } from "../../reasons";
import { enginesOf, type AdviceRunConfig } from "../engines";
import { timed } from "../span";
import type { AdviceStateType, AgentEvent } from "../state";

export async function analyzer(state: AdviceStateType, config: AdviceRunConfig) {
  const { analyzer: model, systemPrompt } = enginesOf(config);
  let advice = "";
  const generated: CitedStatement[] = [];
  const { ms } = await timed("agent.analyzer", async () => {
    const stream = model.stream({
      question: state.question,
      profiles: state.profiles,
      maxTokens: MAX_ADVICE_TOKENS,
      systemPrompt,
      signal: config.signal,
      cite: (statement) => {
        generated.push(statement);
        config.writer?.({ type: "statement", statement } satisfies AgentEvent);
      },
    });
    for await (const text of stream) {
      advice += text;
      config.writer?.({ type: "token", text } satisfies AgentEvent);
    }
  });
  advice = advice.trim();
  // From generation when the analyzer says what it wrote each statement from, else by matching.
  const reasons = reasonsTrail({
    advice,
    question: state.question,
    profiles: state.profiles,
    generated: model.cites ? generated : undefined,
  });
  return { advice, reasons, timings: { analyzerMs: ms } };
}
