import { checkBias } from "../../bias";
import { logger } from "../../logger";
import { enginesOf, type AdviceRunConfig } from "../engines";
import { timed } from "../span";
import type { AdviceStateType, AgentEvent } from "../state";

const log = logger.child("orchestrator");

/**
 * Bias check on the finished advice, with the release's policy (its detector, threshold and
 * weights). The question goes along: the v2 detector reads which characteristics the borrower named
 * to tell an echo of them from advice that conditions on them. Flagged advice is still returned,
 * with its reasons logged and shown.
 */
export async function orchestrator(state: AdviceStateType, config: AdviceRunConfig) {
  const { biasPolicy, release, versions } = enginesOf(config);
  const { result: bias, ms } = await timed("agent.orchestrator", async () =>
    checkBias(state.advice, biasPolicy, state.question),
  );
  if (bias.flagged) {
    log.warn("advice flagged for bias", {
      score: bias.score,
      reasons: bias.reasons,
      release,
      analyzer: versions.analyzer,
      biasPolicy: versions.biasPolicy,
    });
  }
  config.writer?.({ type: "bias", bias } satisfies AgentEvent);
  return { bias, timings: { orchestratorMs: ms } };
}
