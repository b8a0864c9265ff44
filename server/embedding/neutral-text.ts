import { neutralize } from "./neutralize";
import type { Embedder } from "./embedder";

/**
 * What retrieval embeds: every text — a loan profile or a borrower's question — without states,
 * cities, ZIP codes or descriptors of protected characteristics (neutralize.ts). Where a
 * borrower lives, or who they are, then cannot steer which loans they are compared with. The
 * version names the text rule, so changing it rebuilds the index like an embedder change does.
 */

export const NEUTRAL_TEXT = "neutral-v1";

export function withNeutralText(inner: Embedder): Embedder {
  return {
    version: `${inner.version}+${NEUTRAL_TEXT}`,
    dimensions: inner.dimensions,
    embed: (texts) => inner.embed(texts.map(neutralize)),
  };
}
