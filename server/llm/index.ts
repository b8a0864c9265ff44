import { env } from "../env";
import { logger } from "../logger";
import type { Analyzer } from "./analyzer";
import { chooseAnalyzer, createAnalyzer } from "./resolve";

export { MAX_ADVICE_TOKENS, AnalyzerUnavailableError, type Analyzer, type AnalyzerInput } from "./analyzer";
/** The product's grounded advisor is grounded-v2; grounded-v1 stays importable for the benchmark that compares them. */
export {
  createGroundedV2Analyzer as createGroundedAnalyzer,
  GROUNDED_V2_VERSION as GROUNDED_VERSION,
} from "./grounded-v2/analyzer";
export {
  createGroundedAnalyzer as createGroundedV1Analyzer,
  GROUNDED_VERSION as GROUNDED_V1_VERSION,
} from "./grounded";
export { WEAK_MATCH_MEDIAN } from "./grounded-v2/strength";
export { createLlamaAnalyzer, defaultLlamaThreads, type LlamaAnalyzer, type LlamaAnalyzerOptions } from "./llama";
export { createOpenAiAnalyzer, OpenAiStreamError, type OpenAiAnalyzerOptions } from "./openai";
export { promptMessages, SYSTEM_PROMPT_TEMPLATE, type ChatMessage } from "./prompt";
export { chooseAnalyzer, createAnalyzer, type AnalyzerChoice, type AnalyzerConfig } from "./resolve";

/**
 * One analyzer per process (a loaded GGUF is gigabytes), kept on globalThis so Next.js dev
 * reloads reuse it. A failed start is not cached: the next call tries again.
 */
const holder = globalThis as typeof globalThis & { __apfaAnalyzer?: Promise<Analyzer> };

export function resolveAnalyzer(): Promise<Analyzer> {
  holder.__apfaAnalyzer ??= (async () => {
    const choice = chooseAnalyzer(env);
    const analyzer = await createAnalyzer(choice);
    logger.child("llm").info("analyzer ready", { kind: analyzer.kind, version: analyzer.version });
    return analyzer;
  })().catch((error: unknown) => {
    holder.__apfaAnalyzer = undefined;
    throw error;
  });
  return holder.__apfaAnalyzer;
}

/** For graceful shutdown: closes the process's analyzer (if one was started) and forgets it. */
export async function closeAnalyzer(): Promise<void> {
  const pending = holder.__apfaAnalyzer;
  holder.__apfaAnalyzer = undefined;
  const analyzer = await pending?.catch(() => undefined);
  await analyzer?.close?.();
}
