/**
 * Our llama analyzer against raw node-llama-cpp on the same tiny GGUF, same threads, same prompt
 * and same maxTokens: time to first token and decode tokens/s, several runs each, interleaved.
 *
 *   node --import tsx bench/llama-throughput.ts [--runs 7] [--threads 1] [--max-tokens 200]
 *
 * Target: ours/raw tokens/s ≥ 0.9 (the pool, the text channel and the per-request session and
 * state reset must cost next to nothing).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { getLlama, LlamaChatSession, LlamaLogLevel, resolveChatWrapper } from "node-llama-cpp";
import { TINY_LLAMA, writeTinyLlamaGguf } from "../test/models/tiny-llama-gguf";
import { loanRowSchema, toLoanProfile } from "../server/ingest";
import { readRows } from "../server/ingest";
import { createLlamaAnalyzer } from "../server/llm";
import { promptMessages } from "../server/llm";
import type { RetrievedProfile } from "../server/rag";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    threads: { type: "string", default: "1" },
    "max-tokens": { type: "string", default: "200" },
  },
});
const runs = Number(values.runs);
const threads = Number(values.threads);
const maxTokens = Number(values["max-tokens"]);

interface Sample {
  ttftMs: number;
  tokensPerSecond: number;
  totalMs: number;
  tokens: number;
}

async function corpusProfiles(): Promise<RetrievedProfile[]> {
  const profiles: RetrievedProfile[] = [];
  for await (const row of readRows(path.resolve("data/lendingclub/LoanStats3a.csv.gz"))) {
    if (!("record" in row)) continue;
    const parsed = loanRowSchema.safeParse(row.record);
    if (parsed.success)
      profiles.push({ ...toLoanProfile(parsed.data), id: row.line, score: 0.9 - profiles.length / 20 });
    if (profiles.length === 5) break;
  }
  return profiles;
}

/** Times one generation: `generate` calls `onChunk` for every streamed piece and resolves with the text. */
async function measure(
  generate: (onChunk: () => void) => Promise<string>,
  countTokens: (text: string) => number,
): Promise<Sample> {
  const start = performance.now();
  let first = 0;
  const text = await generate(() => {
    if (first === 0) first = performance.now();
  });
  const end = performance.now();
  const tokens = countTokens(text);
  return {
    ttftMs: first - start,
    tokensPerSecond: (tokens - 1) / ((end - first) / 1000),
    totalMs: end - start,
    tokens,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-bench-llama-"));
  const modelFile = path.join(dir, "tiny.gguf");
  writeTinyLlamaGguf(modelFile);
  const profiles = await corpusProfiles();
  const input = {
    question: "Should I take a $12,000 loan over 60 months with 85% utilization on a 50k income?",
    profiles,
    maxTokens,
  };
  const [system, user] = promptMessages(input);

  // Ours: the product code path, one request at a time.
  const ours = await createLlamaAnalyzer({ modelFile, contexts: 2, threads, contextSize: TINY_LLAMA.contextLength });

  // Raw: node-llama-cpp as its docs show it, same model file, threads, context size, prompt and sampling.
  const llama = await getLlama({ gpu: false, build: "never", maxThreads: threads, logLevel: LlamaLogLevel.warn });
  const model = await llama.loadModel({ modelPath: modelFile });
  const context = await model.createContext({ threads, contextSize: TINY_LLAMA.contextLength });
  const sequence = context.getSequence();
  const chatWrapper = resolveChatWrapper(model);
  const countTokens = (text: string) => model.tokenize(text).length;

  const runOurs = () =>
    measure(async (onChunk) => {
      let text = "";
      for await (const chunk of ours.stream(input)) {
        onChunk();
        text += chunk;
      }
      return text;
    }, countTokens);
  const runRaw = () =>
    measure(async (onChunk) => {
      await sequence.clearHistory();
      const session = new LlamaChatSession({ contextSequence: sequence, chatWrapper, systemPrompt: system!.content });
      try {
        return await session.prompt(user!.content, { maxTokens, temperature: 0, onTextChunk: onChunk });
      } finally {
        session.dispose({ disposeSequence: false });
      }
    }, countTokens);

  await runOurs(); // warm-up, not recorded
  await runRaw();
  const samples: { ours: Sample[]; raw: Sample[] } = { ours: [], raw: [] };
  for (let i = 0; i < runs; i++) {
    // Alternate who goes first so neither always runs on a warmer cache.
    if (i % 2 === 0) {
      samples.ours.push(await runOurs());
      samples.raw.push(await runRaw());
    } else {
      samples.raw.push(await runRaw());
      samples.ours.push(await runOurs());
    }
  }

  // The pool's point: two requests at once. Ours (two contexts) against the alternative design,
  // one raw context with two sequences whose tokens llama.cpp batches into one decode.
  const twoAtOnce = async (generate: () => Promise<string>) => {
    const start = performance.now();
    const texts = await Promise.all([generate(), generate()]);
    return { ms: performance.now() - start, tokens: texts.reduce((sum, text) => sum + countTokens(text), 0) };
  };
  const oursText = async () => {
    let text = "";
    for await (const chunk of ours.stream(input)) text += chunk;
    return text;
  };
  const shared = await model.createContext({ threads, contextSize: TINY_LLAMA.contextLength, sequences: 2 });
  const sharedSequences = [shared.getSequence(), shared.getSequence()];
  const sharedText = async () => {
    const sequence = sharedSequences.pop()!;
    const session = new LlamaChatSession({ contextSequence: sequence, chatWrapper, systemPrompt: system!.content });
    try {
      return await session.prompt(user!.content, { maxTokens, temperature: 0 });
    } finally {
      session.dispose({ disposeSequence: false });
      await sequence.clearHistory();
      sharedSequences.push(sequence);
    }
  };
  const concurrent = { ours: [] as number[], shared: [] as number[] };
  for (let i = 0; i < 3; i++) {
    concurrent.ours.push((await twoAtOnce(oursText)).ms);
    concurrent.shared.push((await twoAtOnce(sharedText)).ms);
  }
  await shared.dispose();

  const row = (name: string, s: Sample[]) => ({
    name,
    ttft: median(s.map((x) => x.ttftMs)),
    tps: median(s.map((x) => x.tokensPerSecond)),
    total: median(s.map((x) => x.totalMs)),
    tokens: median(s.map((x) => x.tokens)),
  });
  const o = row("ours (llama analyzer)", samples.ours);
  const r = row("raw node-llama-cpp", samples.raw);
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const promptTokens = countTokens(`${system!.content}\n${user!.content}`);
  console.log(
    `tiny llama GGUF (${fs.statSync(modelFile).size} bytes), prompt ≈ ${promptTokens} tokens, maxTokens ${maxTokens}, threads ${threads}, ${runs} runs each (medians), node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.availableParallelism()}`,
  );
  console.log("");
  console.log("| | time to first token (ms) | decode tokens/s | total (ms) | tokens |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const x of [o, r])
    console.log(`| ${x.name} | ${fmt(x.ttft)} | ${fmt(x.tps, 0)} | ${fmt(x.total)} | ${x.tokens} |`);
  console.log(
    `| ours / raw | ${fmt(o.ttft / r.ttft, 2)} | **${fmt(o.tps / r.tps, 2)}** | ${fmt(o.total / r.total, 2)} | |`,
  );
  console.log("");
  console.log("| 2 concurrent requests | wall time (ms, median of 3) |");
  console.log("| --- | ---: |");
  console.log(`| ours: 2 contexts × ${threads} thread(s) | ${fmt(median(concurrent.ours))} |`);
  console.log(`| raw: 1 context × 2 sequences, ${threads} thread(s) | ${fmt(median(concurrent.shared))} |`);
  console.log("");
  console.log(`target ours/raw tokens/s ≥ 0.9: ${o.tps / r.tps >= 0.9 ? "met" : "NOT met"}`);

  await ours.close();
  await context.dispose();
  await model.dispose();
  await llama.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
