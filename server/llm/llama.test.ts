import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gguf } from "@huggingface/gguf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TINY_LLAMA, writeTinyLlamaGguf } from "../../test/models/tiny-llama-gguf";
import { metricsRegistry } from "../metrics";
import type { RetrievedProfile } from "../rag";
import { AnalyzerUnavailableError } from "./analyzer";
import { createLlamaAnalyzer, type LlamaAnalyzer } from "./llama";

/**
 * The real node-llama-cpp path (load, context sequences, chat session, streaming, abort) on the
 * tiny GGUF the suite generates. Greedy decoding on it yields exactly maxTokens plain words.
 * One thread: these machines have two cores and vitest runs files in parallel.
 */

const profiles: RetrievedProfile[] = [1, 2, 3].map((id) => ({
  id,
  score: 0.9 - id / 10,
  text: `$${id},000 loan over 36 months for a renter in AZ (860xx), middle income of $50,000 a year. Outcome: fully paid.`,
  fields: { addr_state: "AZ", zip_code: "860xx", annual_inc: 50_000 },
  outcome: "fully_paid",
}));
/** The llama analyzer's generated tokens and first-token observations, as a scrape reads them. */
async function llamaMetrics(): Promise<{ tokens: number; firstTokens: number }> {
  const [tokens, firstToken] = await Promise.all(
    ["apfa_llm_tokens_total", "apfa_llm_time_to_first_token_seconds"].map((name) =>
      metricsRegistry().getSingleMetric(name)!.get(),
    ),
  );
  const llama = (values: { labels: Record<string, unknown>; value: number; metricName?: string }[], suffix = "") =>
    values.find((v) => v.labels.analyzer === "llama" && (suffix === "" || v.metricName?.endsWith(suffix)))?.value ?? 0;
  return { tokens: llama(tokens!.values), firstTokens: llama(firstToken!.values, "_count") };
}

const input = (maxTokens: number, extra: { signal?: AbortSignal; question?: string } = {}) => ({
  question: extra.question ?? "Should I take a 60 month loan?",
  profiles,
  maxTokens,
  signal: extra.signal,
});

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

let dir: string;
let modelFile: string;
let pooled: LlamaAnalyzer; // two sequences
let single: LlamaAnalyzer; // one sequence: reuse after abort is observable

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-llama-"));
  modelFile = path.join(dir, "tiny.gguf");
  writeTinyLlamaGguf(modelFile);
  pooled = await createLlamaAnalyzer({ modelFile, contexts: 2, threads: 1 });
  single = await createLlamaAnalyzer({ modelFile, contexts: 1, threads: 1 });
}, 120_000);

afterAll(async () => {
  await pooled?.close();
  await single?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("tiny llama GGUF", () => {
  it("reads back with @huggingface/gguf with the expected metadata and tensors", async () => {
    const { metadata: typed, tensorInfos } = await gguf(modelFile, { allowLocalFile: true });
    const metadata = typed as unknown as Record<string, unknown>;
    expect(metadata.version).toBe(3);
    expect(metadata["general.architecture"]).toBe("llama");
    expect(metadata["general.alignment"]).toBe(32);
    expect(metadata["llama.context_length"]).toBe(TINY_LLAMA.contextLength);
    expect(metadata["llama.embedding_length"]).toBe(TINY_LLAMA.embedding);
    expect(metadata["llama.block_count"]).toBe(TINY_LLAMA.blocks);
    expect(metadata["llama.attention.head_count_kv"]).toBe(TINY_LLAMA.headsKv);
    expect(metadata["tokenizer.ggml.model"]).toBe("llama");
    const tokens = metadata["tokenizer.ggml.tokens"] as string[];
    expect(tokens.slice(0, 5)).toEqual(["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"]);
    expect(tokens).toContain("<0x00>");
    expect(tokens).toContain("<0xFF>");
    expect(tokens).toContain("▁loan");
    expect((metadata["tokenizer.ggml.scores"] as number[]).length).toBe(tokens.length);
    expect((metadata["tokenizer.ggml.token_type"] as number[]).length).toBe(tokens.length);
    expect(metadata["tokenizer.chat_template"]).toContain("<|im_start|>");
    const names = tensorInfos.map((t) => t.name);
    expect(names).toContain("token_embd.weight");
    expect(names).toContain(`blk.${TINY_LLAMA.blocks - 1}.ffn_down.weight`);
    expect(names.slice(-2)).toEqual(["output_norm.weight", "output.weight"]);
    expect(tensorInfos.find((t) => t.name === "output.weight")!.shape.map(Number)).toEqual([
      TINY_LLAMA.embedding,
      tokens.length,
    ]);
    for (const tensor of tensorInfos) expect(Number(tensor.offset) % 32).toBe(0);
    const size = fs.statSync(modelFile).size;
    expect(size).toBeGreaterThan(200_000);
    expect(size).toBeLessThan(800_000);
  });

  it("is the same bytes every time", () => {
    const again = path.join(dir, "again.gguf");
    writeTinyLlamaGguf(again);
    expect(fs.readFileSync(again).equals(fs.readFileSync(modelFile))).toBe(true);
  });
});

describe("llama analyzer", () => {
  it("names the model file and its sha256 in its version", () => {
    const sha = createHash("sha256").update(fs.readFileSync(modelFile)).digest("hex");
    expect(pooled.kind).toBe("llama");
    expect(pooled.version).toBe(`llama:tiny.gguf@${sha.slice(0, 12)}`);
    expect(pooled.threads).toBe(1);
    expect(pooled.slots()).toEqual({ total: 2, free: 2, waiting: 0 });
  });

  it("streams plain text in several chunks and stops at exactly maxTokens, counting them in the metrics", async () => {
    const before = await llamaMetrics();
    const chunks = await collect(pooled.stream(input(24)));
    const text = chunks.join("");
    expect(chunks.length).toBeGreaterThan(1);
    expect(text).toMatch(/^[a-z\s-]+$/);
    expect(pooled.countTokens(text)).toBe(24);
    const after = await llamaMetrics();
    expect(after.tokens - before.tokens).toBe(24);
    expect(after.firstTokens - before.firstTokens).toBe(1);
  }, 60_000);

  it("serves concurrent requests from the pool, queueing the one beyond it", async () => {
    const runs = [input(30), input(30, { question: "How do I lower my utilization?" }), input(30)].map((i) =>
      collect(pooled.stream(i)).then((chunks) => chunks.join("")),
    );
    expect(pooled.slots()).toEqual({ total: 2, free: 0, waiting: 1 });
    const texts = await Promise.all(runs);
    for (const text of texts) expect(pooled.countTokens(text)).toBe(30);
    // Greedy and stateless between requests: the same prompt gives the same words.
    expect(texts[2]).toBe(texts[0]);
    expect(pooled.slots()).toEqual({ total: 2, free: 2, waiting: 0 });
  }, 60_000);

  it("stops promptly when the signal aborts, and the sequence serves the next request cleanly", async () => {
    const before = (await collect(single.stream(input(20)))).join("");
    const controller = new AbortController();
    const received: string[] = [];
    const run = async () => {
      for await (const chunk of single.stream(input(200, { signal: controller.signal }))) {
        received.push(chunk);
        if (received.length === 3) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    // A token or two may already be on its way when the abort lands; nowhere near the 200 asked for.
    expect(received.length).toBeLessThan(10);
    expect(single.slots()).toEqual({ total: 1, free: 1, waiting: 0 });
    // The only sequence is reused, with nothing left over from the aborted prompt.
    const after = (await collect(single.stream(input(20)))).join("");
    expect(after).toBe(before);
  }, 60_000);

  it("frees the sequence when the consumer breaks out of the loop", async () => {
    let count = 0;
    for await (const _chunk of single.stream(input(200))) if (++count === 2) break;
    expect(single.slots()).toEqual({ total: 1, free: 1, waiting: 0 });
    expect(single.countTokens((await collect(single.stream(input(12)))).join(""))).toBe(12);
  }, 60_000);

  it("lets a request waiting for a sequence give up without taking one", async () => {
    const first = single.stream(input(40))[Symbol.asyncIterator]();
    const firstChunk = await first.next(); // holds the only sequence
    const controller = new AbortController();
    const waiting = collect(single.stream(input(40, { signal: controller.signal })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(single.slots().waiting).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    expect(single.slots().waiting).toBe(0);
    const rest = [firstChunk.value as string];
    for (let r = await first.next(); !r.done; r = await first.next()) rest.push(r.value);
    expect(single.countTokens(rest.join(""))).toBe(40);
  }, 60_000);

  it("reports a failed generation as an error and still frees the sequence", async () => {
    // 256 tokens cannot hold the system prompt in this model's small vocabulary: every request fails.
    const small = await createLlamaAnalyzer({ modelFile, contexts: 1, threads: 1, contextSize: 256 });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        await expect(collect(small.stream(input(20)))).rejects.toThrow(/^llama generation failed: .*context/);
        expect(small.slots()).toEqual({ total: 1, free: 1, waiting: 0 });
      }
    } finally {
      await small.close();
    }
  }, 60_000);

  it("fails clearly for a missing, a non-GGUF and a corrupt model file", async () => {
    const missing = path.join(dir, "missing.gguf");
    await expect(createLlamaAnalyzer({ modelFile: missing, contexts: 1, threads: 1 })).rejects.toThrow(
      new AnalyzerUnavailableError(`llama model file not found: ${missing}`),
    );
    const text = path.join(dir, "notes.gguf");
    fs.writeFileSync(text, "these are not weights");
    await expect(createLlamaAnalyzer({ modelFile: text, contexts: 1, threads: 1 })).rejects.toThrow(
      `llama model file ${text} is not a GGUF file`,
    );
    const corrupt = path.join(dir, "corrupt.gguf");
    fs.writeFileSync(corrupt, fs.readFileSync(modelFile).subarray(0, 4096)); // a truncated download
    const error = await createLlamaAnalyzer({ modelFile: corrupt, contexts: 1, threads: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalyzerUnavailableError);
    expect((error as Error).message).toContain(`llama model ${corrupt} could not be loaded`);
  }, 60_000);

  it("refuses new requests once closed", async () => {
    const analyzer = await createLlamaAnalyzer({ modelFile, contexts: 1, threads: 1 });
    const chunks = analyzer.stream(input(500))[Symbol.asyncIterator]();
    await chunks.next();
    await analyzer.close();
    // The open stream ends with the reason rather than hanging; new ones are refused.
    await expect(
      (async () => {
        for (let r = await chunks.next(); !r.done; r = await chunks.next());
      })(),
    ).rejects.toThrow("the llama analyzer is closed");
    await expect(collect(analyzer.stream(input(5)))).rejects.toThrow("the llama analyzer is closed");
  }, 60_000);
});
