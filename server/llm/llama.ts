import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Llama, LlamaContext, LlamaContextSequence, LlamaLogLevel, LlamaModel } from "node-llama-cpp";
import { sha256File } from "../hashing";
import { logger } from "../logger";
import { countLlmTokens } from "../metrics";
import { AnalyzerUnavailableError, type Analyzer, type AnalyzerInput } from "./analyzer";
import { metered } from "./metered";
import { promptMessages } from "./prompt";
import { SlotPool } from "./slot-pool";
import { TextChannel } from "./text-channel";

/**
 * Local generation with node-llama-cpp on the CPU.
 *
 * Concurrency: a pool of `contexts` contexts with one sequence each, each decoding on its own
 * `threads` threads, so concurrent requests run side by side instead of queueing behind one.
 * Measured on the 2-core machines (docs/benchmarks.md): two contexts × 1 thread served two
 * concurrent requests in 1.1 s, where one context with two sequences took 1.9 s (1 thread) or
 * 5.4 s (2 threads: the decode threads then crowd out Node's own thread). Requests take a free
 * sequence first come, first served, and wait when none is free.
 *
 * Cancellation: the request's signal, the consumer leaving the loop (break / return()) and
 * close() all abort the generation; node-llama-cpp stops at the next token. Only then is the
 * sequence's KV state cleared (no borrower's prompt survives into the next request) and the
 * sequence handed to the next waiter.
 */

export interface LlamaAnalyzerOptions {
  modelFile: string;
  /** Parallel generations: one context (own KV cache, own threads) each. */
  contexts: number;
  /** Threads per context. Defaults to an equal share of the cores: max(1, ⌊cores / contexts⌋). */
  threads?: number;
  /** Tokens per sequence. Defaults to the model's training context, at most 4096. */
  contextSize?: number;
  /** 0 = greedy (the default): the same question and loans give the same advice. */
  temperature?: number;
}

export interface LlamaAnalyzer extends Analyzer {
  readonly kind: "llama";
  readonly threads: number;
  countTokens(text: string): number;
  slots(): { total: number; free: number; waiting: number };
  close(): Promise<void>;
}

const log = logger.child("llm:llama");

export function defaultLlamaThreads(contexts: number): number {
  return Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, contexts)));
}

async function assertGgufFile(file: string): Promise<void> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AnalyzerUnavailableError(
      code === "ENOENT"
        ? `llama model file not found: ${file}`
        : `llama model file ${file} cannot be read: ${(error as Error).message}`,
    );
  }
  try {
    const magic = Buffer.alloc(4);
    const { bytesRead } = await handle.read(magic, 0, 4, 0);
    if (bytesRead < 4 || magic.toString("latin1") !== "GGUF") {
      throw new AnalyzerUnavailableError(`llama model file ${file} is not a GGUF file (it does not start with "GGUF")`);
    }
  } catch (error) {
    if (error instanceof AnalyzerUnavailableError) throw error;
    throw new AnalyzerUnavailableError(`llama model file ${file} cannot be read: ${(error as Error).message}`);
  } finally {
    await handle.close();
  }
}

/** llama.cpp's own messages: its errors come back to us as exceptions too, so they log as warnings. */
function llamaLog(level: LlamaLogLevel, message: string): void {
  const text = message.trim();
  if (!text) return;
  if (level === "fatal" || level === "error" || level === "warn") log.warn(text);
  else log.debug(text);
}

export async function createLlamaAnalyzer(options: LlamaAnalyzerOptions): Promise<LlamaAnalyzer> {
  const file = path.resolve(options.modelFile);
  const contexts = Math.max(1, Math.floor(options.contexts));
  const threads = Math.max(1, Math.floor(options.threads ?? defaultLlamaThreads(contexts)));
  const temperature = options.temperature ?? 0;
  await assertGgufFile(file);

  let llama: Llama;
  const hash = sha256File(file);
  // Loaded on first use: the library takes seconds to import, which every CLI command and every
  // process without a local model would otherwise pay.
  const { getLlama, LlamaChatSession, LlamaLogLevel, resolveChatWrapper } = await import("node-llama-cpp");
  try {
    llama = await getLlama({
      gpu: false,
      build: "never", // the prebuilt CPU binaries only: never compile or download at run time
      maxThreads: threads * contexts, // each context keeps its full share while all are busy
      logLevel: LlamaLogLevel.warn,
      logger: llamaLog,
    });
  } catch (error) {
    await hash.catch(() => undefined);
    throw new AnalyzerUnavailableError(`node-llama-cpp has no usable CPU binary: ${(error as Error).message}`);
  }

  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: file });
  } catch (error) {
    await Promise.allSettled([hash, llama.dispose()]);
    throw new AnalyzerUnavailableError(`llama model ${file} could not be loaded: ${(error as Error).message}`);
  }
  const version = `llama:${path.basename(file)}@${(await hash).slice(0, 12)}`;
  const contextSize = options.contextSize ?? Math.min(model.trainContextSize, 4096);
  const pool: LlamaContext[] = [];
  try {
    for (let i = 0; i < contexts; i++) pool.push(await model.createContext({ threads, contextSize }));
  } catch (error) {
    await llama.dispose();
    throw new AnalyzerUnavailableError(
      `llama model ${file}: cannot create ${contexts} context(s) of ${contextSize} tokens: ${(error as Error).message}`,
    );
  }
  const chatWrapper = resolveChatWrapper(model);
  const slots = new SlotPool<LlamaContextSequence>(pool.map((context) => context.getSequence()));
  const running = new Set<{ stop: AbortController; generation?: Promise<void> }>();
  let closing: Promise<void> | undefined;
  log.info("llama model loaded", {
    file,
    version,
    contexts,
    threads,
    contextSize,
    chatWrapper: chatWrapper.wrapperName,
  });

  async function generate(
    sequence: LlamaContextSequence,
    input: AnalyzerInput,
    signal: AbortSignal,
    channel: TextChannel,
  ) {
    const [system, user] = promptMessages(input);
    const session = new LlamaChatSession({ contextSequence: sequence, chatWrapper, systemPrompt: system!.content });
    let generated = 0;
    try {
      await session.prompt(user!.content, {
        maxTokens: Math.max(1, Math.floor(input.maxTokens)),
        temperature,
        signal,
        stopOnAbortSignal: true,
        onToken: (tokens) => void (generated += tokens.length),
        onTextChunk: (text) => channel.push(text),
      });
      channel.end();
    } catch (error) {
      channel.fail(
        signal.aborted
          ? signal.reason
          : new Error(`llama generation failed: ${(error as Error).message}`, { cause: error }),
      );
    } finally {
      countLlmTokens("llama", generated);
      session.dispose({ disposeSequence: false });
    }
  }

  /** Clears the sequence's KV state (no borrower's prompt survives into the next request) and frees it. */
  async function recycle(sequence: LlamaContextSequence): Promise<void> {
    if (closing) return;
    try {
      await sequence.clearHistory();
      slots.release(sequence);
    } catch (error) {
      log.warn("could not clear a llama sequence; it is not handed out again", { error });
    }
  }

  async function* stream(input: AnalyzerInput): AsyncGenerator<string> {
    if (closing) throw new AnalyzerUnavailableError("the llama analyzer is closed");
    const stop = new AbortController();
    const forward = () => stop.abort(input.signal?.reason);
    if (input.signal?.aborted) forward();
    else input.signal?.addEventListener("abort", forward, { once: true });
    const entry: { stop: AbortController; generation?: Promise<void> } = { stop };
    running.add(entry);
    try {
      const sequence = await slots.acquire(stop.signal);
      const channel = new TextChannel();
      // The slot is freed when generation ends, not when the consumer has read every chunk:
      // a slow reader does not hold a sequence, and an abandoned iterator cannot leak one.
      entry.generation = generate(sequence, input, stop.signal, channel)
        .then(() => recycle(sequence))
        .finally(() => running.delete(entry));
      for await (const text of channel) yield text;
      // stopOnAbortSignal ends the generation quietly; the caller still has to learn why it stopped.
      if (stop.signal.aborted) throw stop.signal.reason;
    } catch (error) {
      if (input.signal?.aborted) throw input.signal.reason;
      throw error;
    } finally {
      input.signal?.removeEventListener("abort", forward);
      stop.abort(); // the consumer left early or generation failed: stop at the next token
      if (entry.generation) await entry.generation;
      else running.delete(entry);
    }
  }

  // Tokens are counted as the model generates them (generate, above), not from the streamed text.
  return metered<LlamaAnalyzer>(
    {
      kind: "llama",
      version,
      threads,
      stream,
      countTokens: (text) => model.tokenize(text).length,
      slots: () => ({ total: slots.size, free: slots.available, waiting: slots.waiting }),
      close() {
        closing ??= (async () => {
          const reason = new AnalyzerUnavailableError("the llama analyzer is closed");
          slots.close(reason);
          // Wait for the generations, not for their consumers: an abandoned iterator may never resume.
          const generations = [...running].map(({ stop, generation }) => (stop.abort(reason), generation));
          await Promise.all(generations);
          for (const context of pool) await context.dispose();
          await model.dispose();
          await llama.dispose();
        })();
        return closing;
      },
    },
    null,
  );
}
