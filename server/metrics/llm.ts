import { Counter, Histogram } from "prom-client";
import { group } from "./registry";

/**
 * Generation by the analyzer, labelled by its kind (grounded, llama, openai): three values. The
 * model file or server stays out of the labels; the request's stored versions name it.
 */

export const llmMetrics = group("llm", (registers) => ({
  tokens: new Counter({
    name: "apfa_llm_tokens_total",
    help: "Tokens the analyzer generated (llama: as its model generates them; openai: one per streamed delta; grounded: estimated)",
    labelNames: ["analyzer"] as const,
    registers,
  }),
  firstToken: new Histogram({
    name: "apfa_llm_time_to_first_token_seconds",
    help: "Time from asking the analyzer to its first streamed text (a llama request's wait for a free context included)",
    labelNames: ["analyzer"] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  }),
}));

export function countLlmTokens(analyzer: string, tokens: number): void {
  if (tokens > 0) llmMetrics().tokens.inc({ analyzer }, tokens);
}

export function observeTimeToFirstToken(analyzer: string, seconds: number): void {
  llmMetrics().firstToken.observe({ analyzer }, seconds);
}
