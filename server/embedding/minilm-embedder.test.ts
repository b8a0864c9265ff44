import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "@/test/files";
import { rejection } from "@/test/rejection";
import { TINY_BERT_HIDDEN, writeTinyBert } from "@/test/models/tiny-bert";
import { createMiniLmEmbedder } from "./minilm-embedder";

/**
 * The real MiniLM code path (transformers.js tokenizer and model classes, ONNX Runtime, pooling)
 * on a tiny generated BERT: same files, same tensor names, 32 dimensions instead of 384.
 */

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const norm = (v: Float32Array) => Math.sqrt(dot(v, v));
const maxDifference = (a: Float32Array, b: Float32Array) => Math.max(...a.map((value, i) => Math.abs(value - b[i]!)));

const short = "renter in CA";
const long =
  "$25,000 loan over 60 months for a homeowner with a mortgage in TX (774xx), high income of $145,000 a year";
const medium = "low income renter with high revolving utilization";

describe("createMiniLmEmbedder", () => {
  it("embeds texts into unit vectors as wide as the model's hidden size", async () => {
    const embedder = await createMiniLmEmbedder(writeTinyBert(tempDir()));
    expect(embedder.dimensions).toBe(TINY_BERT_HIDDEN);

    const vectors = await embedder.embed([short, long, medium, ""]);
    expect(vectors).toHaveLength(4);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(TINY_BERT_HIDDEN);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
    expect(await embedder.embed([])).toEqual([]);
  });

  it("never downloads: transformers.js is left unable to fetch anything", async () => {
    await createMiniLmEmbedder(writeTinyBert(tempDir()));
    const { env } = await import("@huggingface/transformers");
    expect(env.allowRemoteModels).toBe(false);
    await expect(env.fetch("https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2")).rejects.toThrow(
      "model files are read from a local folder only",
    );
  });

  it("gives a text the same vector alone, padded inside a batch, and across batch boundaries", async () => {
    const dir = writeTinyBert(tempDir());
    const embedder = await createMiniLmEmbedder(dir);
    const [alone] = await embedder.embed([short]);
    // `short` is padded to the length of `long` here: the mask must keep the padding out of it.
    const [, padded] = await embedder.embed([long, short, medium]);
    expect(maxDifference(alone!, padded!)).toBeLessThan(1e-5);

    const texts = [short, long, medium, `${short} with a mortgage`, "charged off loan in NY"];
    const oneBatch = await embedder.embed(texts);
    const pairs = await (await createMiniLmEmbedder(dir, { batchSize: 2, threads: 1 })).embed(texts);
    expect(pairs).toHaveLength(texts.length);
    pairs.forEach((vector, i) => expect(maxDifference(vector, oneBatch[i]!)).toBeLessThan(1e-5));
  });

  it("gives different texts different vectors, and similar texts closer ones", async () => {
    const embedder = await createMiniLmEmbedder(writeTinyBert(tempDir()));
    const [query, similar, unrelated, again] = await embedder.embed([
      "renter in CA with high revolving utilization",
      "a renter in CA with high utilization",
      "homeowner with a mortgage in TX, 60 months, low income",
      "renter in CA with high revolving utilization",
    ]);
    expect(maxDifference(query!, again!)).toBe(0);
    expect(maxDifference(query!, similar!)).toBeGreaterThan(1e-3);
    expect(dot(query!, similar!)).toBeGreaterThan(dot(query!, unrelated!));
  });

  it("versions itself by the sha256 of onnx/model.onnx", async () => {
    const dir = writeTinyBert(tempDir());
    const weights = fs.readFileSync(path.join(dir, "onnx", "model.onnx"));
    const sha = createHash("sha256").update(weights).digest("hex");
    const embedder = await createMiniLmEmbedder(dir);
    expect(embedder.version).toBe(`minilm-l6-v2@${sha.slice(0, 12)}`);

    // The same bytes elsewhere are the same model; other weights are another.
    expect((await createMiniLmEmbedder(writeTinyBert(tempDir()))).version).toBe(embedder.version);
    const retrained = await createMiniLmEmbedder(writeTinyBert(tempDir(), { seed: 7 }));
    expect(retrained.version).toMatch(/^minilm-l6-v2@[0-9a-f]{12}$/);
    expect(retrained.version).not.toBe(embedder.version);
    const [before] = await embedder.embed([short]);
    const [after] = await retrained.embed([short]);
    expect(maxDifference(before!, after!)).toBeGreaterThan(1e-3);
  });

  it("names the folder and the expected files when the model is missing", async () => {
    const dir = path.join(tempDir(), "all-MiniLM-L6-v2");
    const error = await rejection(createMiniLmEmbedder(dir));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(dir);
    for (const file of ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"]) {
      expect(error.message).toContain(file);
    }
  });

  it("says which file is missing from an incomplete folder", async () => {
    const dir = writeTinyBert(tempDir());
    fs.rmSync(path.join(dir, "onnx", "model.onnx"));
    await expect(createMiniLmEmbedder(dir)).rejects.toThrow(`MiniLM model folder ${dir}: missing onnx/model.onnx`);
  });

  it("reports a corrupt weight file or config as a problem with the folder", async () => {
    const corruptWeights = writeTinyBert(tempDir());
    fs.writeFileSync(path.join(corruptWeights, "onnx", "model.onnx"), "<html>404 Not Found</html>");
    await expect(createMiniLmEmbedder(corruptWeights)).rejects.toThrow(
      `MiniLM model folder ${corruptWeights}: could not be loaded`,
    );

    const corruptConfig = writeTinyBert(tempDir());
    fs.writeFileSync(path.join(corruptConfig, "config.json"), '{"model_type": "bert"}');
    await expect(createMiniLmEmbedder(corruptConfig)).rejects.toThrow(
      "config.json has no positive integer hidden_size",
    );
  });
});
