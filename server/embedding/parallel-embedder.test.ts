import { describe, expect, it } from "vitest";
import type { Embedder } from "./embedder";
import { createHashEmbedder } from "./hash-embedder";
import { withThreads } from "./parallel-embedder";

const texts = Array.from(
  { length: 1000 },
  (_, i) => `$${(i + 1) * 250} loan over 36 months for a renter in TX, ${i % 11} years employed; Outcome: fully paid.`,
);

describe("withThreads", () => {
  it("embeds the hash embedder's batches on worker threads, vector for vector the same", async () => {
    const hash = createHashEmbedder();
    const threaded = withThreads(hash, 2);
    try {
      expect(threaded.version).toBe(hash.version);
      const [expected, actual] = await Promise.all([hash.embed(texts), threaded.embed(texts)]);
      expect(actual).toHaveLength(texts.length);
      actual.forEach((vector, i) => expect(vector).toEqual(expected[i]));
      // A second call reuses the threads; a small one stays on this thread.
      expect(await threaded.embed(texts.slice(0, 300))).toEqual(expected.slice(0, 300));
      expect(await threaded.embed(texts.slice(0, 3))).toEqual(expected.slice(0, 3));
    } finally {
      await threaded.close();
    }
  });

  it("keeps this thread free while the threads embed (the inline embedder blocks it)", async () => {
    const ticksDuring = async (embed: () => Promise<unknown>) => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      await embed();
      clearInterval(timer);
      return ticks;
    };
    const hash = createHashEmbedder();
    const threaded = withThreads(hash, 2);
    try {
      expect(await ticksDuring(() => hash.embed(texts))).toBe(0);
      expect(await ticksDuring(() => threaded.embed(texts))).toBeGreaterThan(0);
    } finally {
      await threaded.close();
    }
  });

  it("leaves any other embedder as it is (MiniLM has threads of its own)", async () => {
    const calls: number[] = [];
    const other: Embedder = {
      version: "minilm-l6-v2@test",
      dimensions: 2,
      embed: async (batch) => (calls.push(batch.length), batch.map(() => new Float32Array([1, 0]))),
    };
    const wrapped = withThreads(other, 2);
    expect(await wrapped.embed(texts)).toHaveLength(texts.length);
    expect(calls).toEqual([texts.length]);
    await wrapped.close();
  });
});
