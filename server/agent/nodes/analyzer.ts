import { MAX_ADVICE_TOKENS } from "../../llm";
import { reasonsTrail, type CitedStatement } from "../../reasons";
import { ATTR, withSpan } from "../../tracing";
import { enginesOf, type AdviceRunConfig } from "../engines";
import { timed } from "../span";
import type { AdviceStateType, AgentEvent } from "../state";

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function analyzer(state: AdviceStateType, config: AdviceRunConfig) {
  const { analyzer: model, systemPrompt, versions } = enginesOf(config);
  let advice = "";
  const generated: CitedStatement[] = [];
  const { ms } = await timed("agent.analyzer", () =>
    // The model's own span: what a slow answer is waiting on, with its time to first token.
    withSpan(
      "llm.generate",
      {
        attributes: {
          [ATTR.genAiSystem]: model.kind,
          // The registry's name for it (what releases and the console say), beside the engine's own.
          [ATTR.genAiRequestModel]: versions.analyzer,
          "apfa.llm.engine": model.version,
          [ATTR.genAiMaxTokens]: MAX_ADVICE_TOKENS,
        },
        record: { model: versions.analyzer },
      },
      async (span) => {
        const started = performance.now();
        let chunks = 0;
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
          if (chunks === 0) {
            span.addEvent("first token");
            span.setAttributes({ [ATTR.timeToFirstTokenMs]: round(performance.now() - started) });
          }
          chunks++;
          advice += text;
          config.writer?.({ type: "token", text } satisfies AgentEvent);
        }
        span.setAttributes({ [ATTR.chunks]: chunks });
      },
    ),
  );
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
