/**
 * Advice text in one spelling, so the patterns of the label extractor are written once: lower
 * case, straight apostrophes, contractions spelled out ("won't" → "will not", "I'd" → "i would"),
 * single spaces. Numbers and their punctuation are left exactly as written.
 */
export function normalizeAdvice(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\bwon't\b/g, "will not")
    .replace(/\bcan't\b/g, "cannot")
    .replace(/\bshan't\b/g, "shall not")
    .replace(/n't\b/g, " not")
    .replace(/\b(i|you|we|they|he|she|it)'d\b/g, "$1 would")
    .replace(/'re\b/g, " are")
    .replace(/\bi'm\b/g, "i am")
    .replace(/'ll\b/g, " will")
    .replace(/'ve\b/g, " have")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The clauses a verdict can stand in: sentences, and the parts of a sentence either side of ";"
 * or "but" ("I can't guarantee approval, but you are likely to qualify" holds two statements). A
 * full stop splits only before a space, so "11.5%" and "$1.2 million" stay whole.
 */
export function clauses(normalized: string): string[] {
  return normalized
    .split(/(?<=[.!?])\s+|;\s*|,?\s+but\s+|\s+however,?\s+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
