/** Anything that turns text into L2-normalised vectors; its version is recorded wherever it is used. */
export interface Embedder {
  /** e.g. "hash-v2-384" or "minilm-l6-v2@<sha256 prefix of the weights>" */
  readonly version: string;
  readonly dimensions: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export const EMBEDDING_DIMENSIONS = 384;

export function l2Normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
