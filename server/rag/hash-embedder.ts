import { EMBEDDING_DIMENSIONS, l2Normalize, type Embedder } from "./embedder";

/**
 * Deterministic feature hashing, for when no model weights are present. Word unigrams carry
 * most weight, word bigrams keep short phrases ("revolving utilization"), character trigrams
 * tolerate inflections ("renter"/"renting"). A second hash bit picks the sign, so collisions
 * cancel out on average instead of piling up.
 */

const STOPWORDS = new Set(
  "a an and are as at be by for from has have i in is it my of on or over the to was with what which who will would can could should i'm me you your".split(
    " ",
  ),
);

const WEIGHTS = { word: 1, bigram: 0.7, trigram: 0.25 };

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
  return (text.toLowerCase().match(/[a-z0-9]+(?:[.'][a-z0-9]+)*/g) ?? []).filter((word) => !STOPWORDS.has(word));
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
    add(vector, `w:${word}`, WEIGHTS.word);
    if (i + 1 < words.length) add(vector, `b:${word} ${words[i + 1]}`, WEIGHTS.bigram);
    const padded = `^${word}$`;
    for (let j = 0; j + 3 <= padded.length; j++) add(vector, `c:${padded.slice(j, j + 3)}`, WEIGHTS.trigram);
  }
  return l2Normalize(vector);
}

export function createHashEmbedder(): Embedder {
  return {
    version: `hash-v1-${EMBEDDING_DIMENSIONS}`,
    dimensions: EMBEDDING_DIMENSIONS,
    embed: async (texts) => texts.map((text) => hashEmbed(text)),
  };
}
