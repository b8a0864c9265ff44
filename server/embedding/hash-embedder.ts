import { STATE_CODES, STATES, WORD_LIKE_STATE_CODES } from "./lexicon";
import { EMBEDDING_DIMENSIONS, l2Normalize, type Embedder } from "./embedder";

/**
 * Deterministic feature hashing, for when no model weights are present. Word unigrams carry
 * most weight, word bigrams keep short phrases ("revolving utilization"), character trigrams
 * tolerate inflections ("renter"/"renting"). A second hash bit picks the sign, so collisions
 * cancel out on average instead of piling up.
 *
 * Borrowers write "I rent in Texas" where profiles say "renter in TX": states (names, and codes
 * in capitals) become one token per state, and a few loan words are folded to the form the
 * profiles use. Any change here changes every vector, so it must change VERSION too.
 */

const VERSION = "hash-v2";

const STOPWORDS = new Set(
  "a an and are as at be by for from has have i in is it my of on or over the to was with what which who will would can could should i'm me you your".split(
    " ",
  ),
);

// A state weighs what a short word does with its trigrams (1 + 2 × 0.25), without their spelling.
const WEIGHTS = { word: 1, state: 1.5, bigram: 0.7, trigram: 0.25 };

/** State names by their first word, longest first: "new york" → [["new", "york"], ["new", "jersey"], …]. */
const STATE_PHRASES = new Map<string, string[][]>();
for (const name of Object.keys(STATES).sort((a, b) => b.split(" ").length - a.split(" ").length)) {
  const parts = name.split(" ");
  STATE_PHRASES.set(parts[0]!, [...(STATE_PHRASES.get(parts[0]!) ?? []), parts]);
}

/** Inflections and synonyms folded to the word the loan profiles use. */
const ALIASES: Record<string, string> = {
  rent: "renter",
  rents: "renter",
  renting: "renter",
  renters: "renter",
  rented: "renter",
  tenant: "renter",
  homeowners: "homeowner",
  mortgages: "mortgage",
  mortgaged: "mortgage",
  delinquencies: "delinquency",
  delinquent: "delinquency",
  inquiries: "inquiry",
  utilisation: "utilization",
  salary: "income",
  earnings: "income",
  earn: "income",
  earns: "income",
};

/** A state becomes "@xx": never a stopword, and never similar to another state by spelling. */
const state = (code: string) => `@${code}`;

/** FNV-1a, 32-bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function tokenize(text: string): string[] {
  const raw = text.match(/[A-Za-z0-9]+(?:[.'][A-Za-z0-9]+)*/g) ?? [];
  const words: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const word = raw[i]!.toLowerCase();
    const phrase = STATE_PHRASES.get(word)?.find((parts) =>
      parts.every((part, j) => raw[i + j]?.toLowerCase() === part),
    );
    if (phrase) {
      words.push(state(STATES[phrase.join(" ")]!));
      i += phrase.length - 1;
    } else if (STATE_CODES.has(word) && (/^[A-Z]{2}$/.test(raw[i]!) || !WORD_LIKE_STATE_CODES.has(word))) {
      words.push(state(word));
    } else if (!STOPWORDS.has(word)) {
      words.push(ALIASES[word] ?? word);
    }
  }
  return words;
}

function add(vector: Float32Array, feature: string, weight: number) {
  const h = hash(feature);
  vector[h % vector.length]! += (h & 0x80000000 ? -1 : 1) * weight;
}

export function hashEmbed(text: string, dimensions = EMBEDDING_DIMENSIONS): Float32Array {
  const vector = new Float32Array(dimensions);
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const isState = word.startsWith("@");
    add(vector, `w:${word}`, isState ? WEIGHTS.state : WEIGHTS.word);
    if (i + 1 < words.length) add(vector, `b:${word} ${words[i + 1]}`, WEIGHTS.bigram);
    if (isState) continue; // "@ny" is not a little like "@nj"
    const padded = `^${word}$`;
    for (let j = 0; j + 3 <= padded.length; j++) add(vector, `c:${padded.slice(j, j + 3)}`, WEIGHTS.trigram);
  }
  return l2Normalize(vector);
}

/** The version its vectors are stored and indexed under. */
export const HASH_EMBEDDER_VERSION = `${VERSION}-${EMBEDDING_DIMENSIONS}`;

export function createHashEmbedder(): Embedder {
  return {
    version: HASH_EMBEDDER_VERSION,
    dimensions: EMBEDDING_DIMENSIONS,
    embed: async (texts) => texts.map((text) => hashEmbed(text)),
  };
}
