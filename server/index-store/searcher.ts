import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * Vector search in a worker thread, so neither an exact scan nor a graph walk blocks the event
 * loop. Queries that arrive while a search runs wait and go together in the next call
 * (micro-batching); usearch spreads a batch over `threads`, for both kinds of index.
 *
 * - exact: the worker reads the f32 matrix file into memory and scans it all.
 * - hnsw: the worker memory-maps a usearch HNSW file (`view`): opening costs milliseconds and
 *   the pages are the OS's file cache, shared with any other process viewing the same file.
 *
 * Either way the worker checks the file's sha256 before answering, so a corrupt or truncated
 * artifact is never served: `ready` rejects naming the file, and so does every search.
 */

export interface SearchHit {
  /** Row in the index; the caller maps it to a document id. */
  row: number;
  /** Inner product of normalised vectors (cosine similarity). */
  score: number;
}

export type IndexKind = "exact" | "hnsw";

interface CommonOptions {
  /** The index file: an f32 matrix (exact) or a usearch HNSW file. */
  file: string;
  /** Its expected sha256, from the manifest. */
  sha256: string;
  dimensions: number;
  /** Vectors in the index; hits are rows 0..size-1. */
  size: number;
  /** usearch threads per batch of queries (a single query runs on one). Default 1. */
  threads?: number;
}

export type IndexSearcherOptions =
  | (CommonOptions & { kind: "exact" })
  /** `ef`: candidates kept while searching (expansion_search). It is not stored in the file. */
  | (CommonOptions & { kind: "hnsw"; ef: number });

interface Pending {
  query: Float32Array;
  k: number;
  resolve: (hits: SearchHit[]) => void;
  reject: (error: Error) => void;
}

interface WorkerMessage {
  type: "loaded" | "result" | "error";
  batch?: number;
  bytes?: number;
  /** k slots per query; the first counts[i] of query i's slots hold hits. */
  keys?: BigUint64Array;
  distances?: Float32Array;
  counts?: Uint32Array;
  message?: string;
}

const WORKER_FILE = path.join(process.cwd(), "server", "index-store", "search-worker.mjs");
const MAX_BATCH = 32;

export class IndexSearcher {
  readonly kind: IndexKind;
  readonly dimensions: number;
  readonly size: number;
  /** HNSW search expansion; null for exact. */
  readonly ef: number | null;
  /** Resolves to the bytes of index this searcher holds (the matrix, or the mapped HNSW file). */
  readonly ready: Promise<number>;
  private readonly worker: Worker;
  private queue: Pending[] = [];
  private inFlight = new Map<number, Pending[]>();
  private nextBatch = 1;
  private busy = false;
  private closed = false;
  private exited = false;
  private drained: (() => void) | null = null;

  constructor(options: IndexSearcherOptions) {
    this.kind = options.kind;
    this.dimensions = options.dimensions;
    this.size = options.size;
    this.ef = options.kind === "hnsw" ? options.ef : null;
    if (this.ef !== null && (!Number.isInteger(this.ef) || this.ef <= 0)) {
      throw new Error(`ef must be a positive integer, got ${this.ef}`);
    }
    this.worker = new Worker(WORKER_FILE);
    this.worker.unref();
    this.ready = new Promise<number>((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        this.worker.off("message", onMessage);
        if (message.type === "loaded") resolve(message.bytes ?? 0);
        else reject(new Error(message.message ?? `index worker failed to load ${options.file}`));
      };
      this.worker.on("message", onMessage);
      this.worker.once("error", reject);
      this.worker.once("exit", () => reject(new Error(`index worker for ${options.file} exited before loading`)));
    });
    this.ready.then(
      () => this.worker.on("message", (message: WorkerMessage) => this.settle(message)),
      // Nothing will be served: release whatever the worker holds now, not at close().
      () => void this.worker.terminate(),
    );
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.once("exit", () => {
      this.exited = true;
      this.failAll(new Error("index worker exited"));
    });
    this.worker.postMessage({
      type: "load",
      kind: options.kind,
      file: options.file,
      sha256: options.sha256,
      dimensions: options.dimensions,
      size: options.size,
      threads: options.threads ?? 1,
      ef: this.ef,
    });
  }

  /** Whether the worker thread is still alive (false once close() or a failed load ended it). */
  get running(): boolean {
    return !this.exited;
  }

  search(query: Float32Array, k: number): Promise<SearchHit[]> {
    if (this.closed) return Promise.reject(new Error("index searcher is closed"));
    if (query.length !== this.dimensions) {
      return Promise.reject(new Error(`query has ${query.length} dimensions, index has ${this.dimensions}`));
    }
    if (!Number.isInteger(k) || k <= 0) return Promise.reject(new Error(`k must be a positive integer, got ${k}`));
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

  private settle(message: WorkerMessage) {
    const batch = message.batch === undefined ? undefined : this.inFlight.get(message.batch);
    if (message.batch !== undefined) this.inFlight.delete(message.batch);
    this.busy = false;
    if (batch) {
      const { keys, distances, counts } = message;
      if (message.type === "result" && keys && distances && counts) {
        const k = batch[0]!.k;
        batch.forEach((pending, i) => {
          const hits: SearchHit[] = [];
          for (let j = i * k; j < i * k + counts[i]!; j++) {
            const row = Number(keys[j]);
            if (row < this.size) hits.push({ row, score: 1 - distances[j]! });
          }
          pending.resolve(hits);
        });
      } else {
        const error = new Error(message.message ?? "index search failed");
        batch.forEach((pending) => pending.reject(error));
      }
    }
    this.dispatch();
    this.checkDrained();
  }

  private failAll(error: Error) {
    for (const pending of [...this.queue, ...[...this.inFlight.values()].flat()]) pending.reject(error);
    this.queue = [];
    this.inFlight.clear();
    this.busy = false;
    this.checkDrained();
  }

  private checkDrained() {
    if (this.drained && this.queue.length === 0 && this.inFlight.size === 0) this.drained();
  }

  /**
   * Refuses new searches, waits until every search already accepted has answered, then stops
   * the worker, which releases the index's memory (or its mapping).
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queue.length > 0 || this.inFlight.size > 0) {
      await new Promise<void>((resolve) => (this.drained = resolve));
    }
    await this.worker.terminate();
  }
}

/** The exact searcher's original constructor, for callers written before HNSW. */
export class ExactSearcher extends IndexSearcher {
  constructor(file: string, sha256: string, dimensions: number, size: number, threads = 1) {
    super({ kind: "exact", file, sha256, dimensions, size, threads });
  }
}
