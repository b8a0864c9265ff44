import { countLlmTokens, observeTimeToFirstToken } from "../metrics";
import type { Analyzer, AnalyzerInput } from "./analyzer";

/**
 * The analyzer with its generation measured (server/metrics): the time to its first streamed text
 * and the tokens it streamed, by kind. Each factory wraps what it returns, so every caller — the
 * advice graph, shadow replays, audits — is counted the same way. `tokensIn` counts one chunk as
 * the analyzer knows how (an estimate, one per delta); null when the analyzer counts the tokens
 * its model generates itself (llama: chunks can outlive the model, which a tokenizer needs).
 */
export function metered<A extends Analyzer>(analyzer: A, tokensIn: ((chunk: string) => number) | null): A {
  const inner = analyzer.stream.bind(analyzer);
  async function* stream(input: AnalyzerInput): AsyncGenerator<string> {
    const started = performance.now();
    let first = true;
    let tokens = 0;
    try {
      for await (const chunk of inner(input)) {
        if (first) {
          observeTimeToFirstToken(analyzer.kind, (performance.now() - started) / 1000);
          first = false;
        }
        if (tokensIn) tokens += tokensIn(chunk);
        yield chunk;
      }
    } finally {
      // Stopped or failed half-way, the tokens were still generated (and paid for).
      if (tokensIn) countLlmTokens(analyzer.kind, tokens);
    }
  }
  return { ...analyzer, stream };
}
