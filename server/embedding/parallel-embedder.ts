import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Embedder } from "./embedder";
import { HASH_EMBEDDER_VERSION } from "./hash-embedder";
import { NEUTRAL_TEXT } from "./neutral-text";

// By path from the project root, like the other worker entries: this must not be bundled by Next.js.
const ENTRY = path.join(process.cwd(), "server", "embedding", "embed-thread.mjs");
/** Below this many texts a call is embedded where it is: a thread hop would cost more. */
const MIN_TEXTS_PER_THREAD = 64;

export interface ClosableEmbedder extends Embedder {
  /** Ends the threads, if any. */
  close(): Promise<void>;
}

/**
 * The embed job's embedder, using every core. The hash embedder is plain JavaScript on one thread,
 * so each call's texts are split across one worker thread per core; MiniLM already spreads a batch
 * over onnxruntime's threads and is used as it is. Vectors are identical either way.
 */
export function withThreads(embedder: Embedder, threads = os.availableParallelism()): ClosableEmbedder {
  const passThrough: ClosableEmbedder = {
    version: embedder.version,
    dimensions: embedder.dimensions,
    embed: (texts) => embedder.embed(texts),
    close: async () => undefined,
  };
  // The hash embedder, plain or on neutralized text (the product's): the threads do the same.
  const neutral = embedder.version === `${HASH_EMBEDDER_VERSION}+${NEUTRAL_TEXT}`;
  if (threads < 2 || (embedder.version !== HASH_EMBEDDER_VERSION && !neutral)) return passThrough;

  const pool = new ThreadPool(threads);
  return {
    ...passThrough,
    async embed(texts) {
      if (texts.length < 2 * MIN_TEXTS_PER_THREAD) return embedder.embed(texts);
      const per = Math.ceil(texts.length / threads);
      const slices = await Promise.all(
        Array.from({ length: threads }, (_, t) =>
          pool.run(t, texts.slice(t * per, (t + 1) * per), embedder.dimensions, neutral),
        ),
      );
      return slices.flatMap((vectors) =>
        Array.from({ length: vectors.length / embedder.dimensions }, (_, i) =>
          vectors.subarray(i * embedder.dimensions, (i + 1) * embedder.dimensions),
        ),
      );
    },
    close: () => pool.close(),
  };
}

interface Pending {
  resolve: (vectors: Float32Array) => void;
  reject: (error: Error) => void;
}

/** Worker threads started on first use; each answers its requests in order. */
class ThreadPool {
  private readonly workers: (Worker | undefined)[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => undefined);
  }

  run(thread: number, texts: string[], dimensions: number, neutral: boolean): Promise<Float32Array> {
    if (texts.length === 0) return Promise.resolve(new Float32Array(0));
    const worker = (this.workers[thread] ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts, dimensions, neutral });
    });
  }

  private start(): Worker {
    const worker = new Worker(ENTRY);
    worker.on("message", (message: { id: number; vectors?: Float32Array; error?: string }) => {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.vectors) pending?.resolve(message.vectors);
      else pending?.reject(new Error(`embedding thread failed: ${message.error}`));
    });
    worker.on("error", (error) => this.failAll(new Error(`embedding thread failed: ${error.message}`)));
    worker.on("exit", (code) => this.failAll(new Error(`embedding thread exited (code ${code})`)));
    return worker;
  }

  private failAll(error: Error) {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    const running = this.workers.filter((worker) => worker !== undefined);
    this.workers.fill(undefined);
    await Promise.all(running.map((worker) => worker.terminate()));
  }
}
