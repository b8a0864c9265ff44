import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { checkBias } from "../../bias";
import { logger } from "../../logger";
import { timed } from "../span";
import type { AdviceStateType, AgentEvent } from "../state";

const log = logger.child("orchestrator");

/** Bias check on the finished advice. Flagged advice is still returned, with its reasons logged and shown. */
export async function orchestrator(state: AdviceStateType, config: LangGraphRunnableConfig) {
  const { result: bias, ms } = await timed("agent.orchestrator", async () => checkBias(state.advice));
  if (bias.flagged) {
    log.warn("advice flagged for bias", {
      score: bias.score,
      reasons: bias.reasons,
      analyzer: state.versions.analyzer,
    });
  }
  config.writer?.({ type: "bias", bias } satisfies AgentEvent);
  return { bias, timings: { orchestratorMs: ms } };
}
