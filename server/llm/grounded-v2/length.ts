import type { Sentence } from "./cite";

/**
 * Keeping advice within a token budget without a tokenizer. A subword tokenizer spends about one
 * token on a common word and more on numbers and punctuation ("$15,000" is "$", "15", ",", "000"),
 * so counting each run of letters, each run of digits and each other symbol as one token
 * over-counts slightly: advice that fits this estimate fits the model's budget too.
 */
export function estimateTokens(text: string): number {
  return text.match(/[A-Za-z]+|\d+|[^\sA-Za-z\d]/g)?.length ?? 0;
}

/** Whole sentences while they fit in `maxTokens`; a first sentence that does not fit is cut to whole words. */
export function limitTokens(sentences: string[], maxTokens: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const sentence of sentences) {
    const cost = estimateTokens(sentence);
    if (used + cost > maxTokens) {
      if (kept.length === 0) kept.push(cutToTokens(sentence, maxTokens));
      break;
    }
    kept.push(sentence);
    used += cost;
  }
  return kept;
}

function cutToTokens(sentence: string, maxTokens: number): string {
  const words: string[] = [];
  let used = 0;
  for (const word of sentence.split(/\s+/).filter(Boolean)) {
    const cost = estimateTokens(word);
    if (used + cost > maxTokens) break;
    words.push(word);
    used += cost;
  }
  return words.join(" ");
}

/**
 * limitTokens over cited sentences. A first sentence cut to fit keeps no citations: cut short, it
 * may no longer state what it was written from, and a citation must never outlive its text.
 */
export function limitSentences(sentences: Sentence[], maxTokens: number): Sentence[] {
  return limitTokens(
    sentences.map((s) => s.text),
    maxTokens,
  ).map((text, i) => (text === sentences[i]!.text ? sentences[i]! : { text, citations: [] }));
}
