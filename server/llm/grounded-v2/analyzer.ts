import { understandQuestion } from "../../question";
import type { Analyzer, AnalyzerInput } from "../analyzer";
import { metered } from "../metered";
import { composeCitedAdviceV2 } from "./compose";
import { estimateTokens, limitSentences } from "./length";

/**
 * The deterministic advisor, version 2: answers the kind of question asked (compare, how much,
 * should I, will it hurt, general) from the retrieved loans and only the facts the question
 * states, says when the loans are too weakly similar or the question too thin for a verdict, and
 * rules out protected characteristics with what the law says about them. grounded-v1 stays beside
 * it, unchanged, so the two can be benchmarked against each other.
 */
export const GROUNDED_V2_VERSION = "grounded-v2";

export function createGroundedV2Analyzer(): Analyzer {
  return metered(analyzer(), estimateTokens);
}

function analyzer(): Analyzer {
  return {
    kind: "grounded",
    version: GROUNDED_V2_VERSION,
    // It writes each sentence from known loans and fields, and says which (./cite.ts).
    cites: true,
    async *stream({ question, profiles, maxTokens, signal, cite }: AnalyzerInput) {
      signal?.throwIfAborted();
      const sentences = limitSentences(
        composeCitedAdviceV2(question, understandQuestion(question), profiles),
        Math.max(1, maxTokens),
      );
      // Composed whole and at once, so it streams a sentence at a time with no pauses (as v1
      // does); an abort is still honoured between sentences. Each sentence's citations are
      // reported just before its text goes out.
      for (const [i, { text, citations }] of sentences.entries()) {
        signal?.throwIfAborted();
        cite?.({ statement: text, citations });
        yield i === 0 ? text : ` ${text}`;
      }
    },
  };
}
