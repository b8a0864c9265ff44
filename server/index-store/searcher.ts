import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * Exact search in a worker thread, so a scan of the whole index never blocks the event loop.
 * Queries that arrive while a scan runs wait and go together in the next one (micro-batching).
 */

export interface SearchHit {
  /** Row in the index; the caller maps it to a document id. */
  row: number;
  /** Inner product of normalised vectors (cosine similarity). */
  score: number;
}

interface Pending {
  query: Float32Array;
  k: number;
  resolve: (hits: SearchHit[]) => void;
  reject: (error: Error) => void;
}

const WORKER_FILE = path.join(process.cwd(), "server", "index-store", "search-worker.mjs");
const MAX_BATCH = 32;

export class ExactSearcher {
  private readonly worker: Worker;
  private queue: Pending[] = [];
  private inFlight = new Map<number, Pending[]>();
  private nextBatch = 1;
  private busy = false;
  private closed = false;
  readonly ready: Promise<number>;

  constructor(
    file: string,
    sha256: string,
    readonly dimensions: number,
    readonly size: number,
    threads = 1,
  ) {
    this.worker = new Worker(WORKER_FILE);
    this.worker.unref();
    this.ready = new Promise<number>((resolve, reject) => {
      const onMessage = (message: { type: string; bytes?: number; message?: string }) => {
        this.worker.off("message", onMessage);
        if (message.type === "loaded") resolve(message.bytes ?? 0);
        else reject(new Error(message.message ?? "index worker failed to load"));
      };
      this.worker.on("message", onMessage);
      this.worker.once("error", reject);
    });
    this.ready.then(
      () => this.worker.on("message", (message) => this.settle(message)),
      () => undefined,
    );
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.postMessage({ type: "load", file, sha256, dimensions, threads });
  }

  search(query: Float32Array, k: number): Promise<SearchHit[]> {
    if (this.closed) return Promise.reject(new Error("index searcher is closed"));
    if (query.length !== this.dimensions) {
      return Promise.reject(new Error(`query has ${query.length} dimensions, index has ${this.dimensions}`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ query, k: Math.min(k, this.size), resolve, reject });
      this.dispatch();
    });
  }

  private dispatch() {
    if (this.busy || this.queue.length === 0) return;
    // One batch shares one k: take the queries with the first one's k.
    const k = this.queue[0]!.k;
    const batch = this.queue.filter((p) => p.k === k).slice(0, MAX_BATCH);
    this.queue = this.queue.filter((p) => !batch.includes(p));
    const queries = new Float32Array(batch.length * this.dimensions);
    batch.forEach((pending, i) => queries.set(pending.query, i * this.dimensions));
    const id = this.nextBatch++;
    this.inFlight.set(id, batch);
    this.busy = true;
    void this.ready.then(
      () => this.worker.postMessage({ type: "search", batch: id, queries, count: batch.length, k }, [queries.buffer]),
      (error: Error) => this.failAll(error),
    );
  }

  private settle(message: {
    type: string;
    batch: number;
    keys?: BigUint64Array;
    distances?: Float32Array;
    message?: string;
  }) {
    const batch = this.inFlight.get(message.batch);
    this.inFlight.delete(message.batch);
    this.busy = false;
    if (batch) {
      if (message.type === "result" && message.keys && message.distances) {
        const k = batch[0]!.k;
        batch.forEach((pending, i) => {
          const hits: SearchHit[] = [];
          for (let j = i * k; j < (i + 1) * k; j++) {
            const row = Number(message.keys![j]);
            // usearch pads missing results with the max key.
            if (row < this.size) hits.push({ row, score: 1 - message.distances![j]! });
          }
          pending.resolve(hits);
        });
      } else {
        const error = new Error(message.message ?? "index search failed");
        batch.forEach((pending) => pending.reject(error));
      }
    }
    this.dispatch();
  }

  private failAll(error: Error) {
    for (const pending of [...this.queue, ...[...this.inFlight.values()].flat()]) pending.reject(error);
    this.queue = [];
    this.inFlight.clear();
    this.busy = false;
  }

  /** Stops the worker once every search already accepted has answered. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length > 0 || this.inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.worker.terminate();
  }
}
