import path from "node:path";
import { Worker } from "node:worker_threads";
import { logger } from "../../logger";
import { SLOT, STATE } from "./channel-protocol.mjs";

const log = logger.child("index-searcher");

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
 *
 * Searches travel through shared memory, not messages: the worker sleeps in Atomics.wait and
 * the main thread awaits Atomics.waitAsync. A round trip costs ~15 µs where postMessage costs
 * ~70 µs, which is a quarter of an HNSW search over 100K vectors (docs/benchmarks.md).
 */

export interface SearchHit {
  /** Row in the index; the caller maps it to a document id. */
  row: number;
  /** Inner product of normalised vectors (cosine similarity). */
  score: number;
}

export type IndexKind = "exact" | "hnsw";

/** sha256 of each fixed-size piece of a file, in order (the last piece may be shorter). */
export interface ChunkHashes {
  bytes: number;
  sha256: string[];
}

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
  /**
   * `chunks`: the manifest's per-chunk sha256 list, when it has one; the mapped file is then
   * verified against it on `threads` threads instead of as one sha256 stream.
   */
  | (CommonOptions & { kind: "hnsw"; ef: number; chunks?: ChunkHashes });

interface Pending {
  query: Float32Array;
  k: number;
  resolve: (hits: SearchHit[]) => void;
  reject: (error: Error) => void;
}

/** The shared memory both threads use; the worker gets the same views (search-worker.mjs). */
interface Channel {
  /** [state, queries in the batch, k, bytes of error message] */
  control: Int32Array;
  queries: Float32Array;
  /** k slots per query; counts[i] of query i's slots are filled. */
  keys: BigUint64Array;
  distances: Float32Array;
  counts: Uint32Array;
  error: Uint8Array;
}

const WORKER_FILE = path.join(process.cwd(), "server", "index-store", "serve", "search-worker.mjs");

/**
 * A search worker started ahead of need. Starting a thread and loading usearch takes 40–100 ms
 * here, a fifth of a 500K-vector swap, so the next searcher takes this one, already booted, and a
 * new spare starts once that searcher has loaded (not during the load, which wants both cores).
 * It waits for its load message and keeps nothing alive (unref).
 */
interface Spare {
  worker: Worker;
  onError: (error: Error) => void;
}
// On globalThis: Next.js may evaluate this module more than once per process (route bundles), and
// each copy would otherwise keep a spare thread of its own.
const spares = ((globalThis as unknown as { apfaSpareSearchWorker?: { current?: Spare } }).apfaSpareSearchWorker ??=
  {});

function takeWorker(): Worker {
  const spare = spares.current;
  if (!spare) return new Worker(WORKER_FILE);
  spares.current = undefined;
  // From here on the searcher's own handlers report its failures.
  spare.worker.off("error", spare.onError);
  return spare.worker;
}

function startSpare() {
  if (spares.current) return;
  const worker = new Worker(WORKER_FILE);
  worker.unref();
  // A spare that fails to start is dropped: the next searcher starts a worker of its own.
  const onError = (error: Error) => {
    log.warn("spare search worker failed to start", { error });
    if (spares.current?.worker === worker) spares.current = undefined;
  };
  worker.on("error", onError);
  worker.once("exit", () => {
    if (spares.current?.worker === worker) spares.current = undefined;
  });
  spares.current = { worker, onError };
}

const MAX_BATCH = 32;
/** Hits one call can return (all queries of a batch together): k may be at most this. */
export const MAX_HITS = 8192;
/**
 * usearch's exact search holds 16 bytes per (row, query) pair while it runs: at 500K rows a
 * batch of 32 would allocate 256 MB per call. Exact batches stay near this many bytes.
 */
const EXACT_SCRATCH_BYTES = 64 << 20;

// Atomics.waitAsync is in Node since 16, but in TypeScript's lib only from ES2024.
const waitAsync = (
  Atomics as unknown as {
    waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: unknown };
  }
).waitAsync;

export class IndexSearcher {
  readonly kind: IndexKind;
  readonly dimensions: number;
  readonly size: number;
  /** HNSW search expansion; null for exact. */
  readonly ef: number | null;
  /** Resolves to the bytes of index this searcher holds (the matrix, or the mapped HNSW file). */
  readonly ready: Promise<number>;
  private readonly worker: Worker;
  private readonly channel: Channel;
  private readonly maxBatch: number;
  private queue: Pending[] = [];
  private inFlight: Pending[] = [];
  private closed = false;
  private exited = false;
  private drainWaiters: (() => void)[] = [];

  constructor(options: IndexSearcherOptions) {
    this.kind = options.kind;
    this.dimensions = options.dimensions;
    this.size = options.size;
    this.ef = options.kind === "hnsw" ? options.ef : null;
    if (this.ef !== null && (!Number.isInteger(this.ef) || this.ef <= 0)) {
      throw new Error(`ef must be a positive integer, got ${this.ef}`);
    }
    this.maxBatch =
      options.kind === "exact"
        ? Math.max(1, Math.min(MAX_BATCH, Math.floor(EXACT_SCRATCH_BYTES / (options.size * 16))))
        : MAX_BATCH;
    this.channel = createChannel(this.maxBatch * options.dimensions);
    this.worker = takeWorker();
    // An idle searcher does not keep the process alive; one with searches in flight does (see dispatch).
    this.worker.unref();
    this.ready = new Promise<number>((resolve, reject) => {
      this.worker.once("message", (message: { type: string; bytes?: number; message?: string }) => {
        if (message.type === "loaded") resolve(message.bytes ?? 0);
        else reject(new Error(message.message ?? `index worker failed to load ${options.file}`));
      });
      this.worker.once("error", reject);
      this.worker.once("exit", () => reject(new Error(`index worker for ${options.file} exited before loading`)));
    });
    // Nothing will be served: release whatever the worker holds now, not at close().
    this.ready.catch(() => void this.worker.terminate());
    this.ready.then(startSpare, startSpare);
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
      chunks: options.kind === "hnsw" ? options.chunks : undefined,
      dimensions: options.dimensions,
      size: options.size,
      threads: options.threads ?? 1,
      ef: this.ef,
      channel: this.channel,
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
    const wanted = Math.min(k, this.size);
    if (wanted > MAX_HITS) return Promise.reject(new Error(`k must be at most ${MAX_HITS}, got ${k}`));
    return new Promise((resolve, reject) => {
      this.queue.push({ query, k: wanted, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch() {
    if (this.inFlight.length > 0 || this.queue.length === 0) return;
    // One batch shares one k: take the queries with the first one's k.
    const k = this.queue[0]!.k;
    const batch = this.queue.filter((p) => p.k === k).slice(0, Math.min(this.maxBatch, Math.floor(MAX_HITS / k)));
    this.queue = this.queue.filter((p) => !batch.includes(p));
    this.inFlight = batch;
    this.worker.ref();
    this.ready
      .then(() => this.ask(batch, k))
      .then(
        (hits) => batch.forEach((pending, i) => pending.resolve(hits[i]!)),
        (error: Error) => batch.forEach((pending) => pending.reject(error)),
      )
      .finally(() => {
        // failAll may already have moved on (the worker died): only the current batch clears.
        if (this.inFlight !== batch) return;
        this.inFlight = [];
        if (this.queue.length === 0) this.worker.unref();
        this.dispatch();
        this.checkDrained();
      });
  }

  /** One call into the worker: queries in, hits out, through the shared channel. */
  private async ask(batch: Pending[], k: number): Promise<SearchHit[][]> {
    const { control, queries, keys, distances, counts, error } = this.channel;
    batch.forEach((pending, i) => queries.set(pending.query, i * this.dimensions));
    control[SLOT.COUNT] = batch.length;
    control[SLOT.K] = k;
    Atomics.store(control, SLOT.STATE, STATE.REQUEST);
    Atomics.notify(control, SLOT.STATE);
    const answer = waitAsync(control, SLOT.STATE, STATE.REQUEST);
    if (answer.async) await answer.value;
    try {
      if (Atomics.load(control, SLOT.STATE) === STATE.FAILED) {
        throw new Error(new TextDecoder().decode(error.slice(0, control[SLOT.ERROR_BYTES])));
      }
      return batch.map((_, i) => {
        const hits: SearchHit[] = [];
        for (let j = i * k; j < i * k + counts[i]!; j++) {
          const row = Number(keys[j]);
          if (row < this.size) hits.push({ row, score: 1 - distances[j]! });
        }
        return hits;
      });
    } finally {
      Atomics.store(control, SLOT.STATE, STATE.IDLE);
    }
  }

  private failAll(error: Error) {
    for (const pending of [...this.queue, ...this.inFlight]) pending.reject(error);
    this.queue = [];
    this.inFlight = [];
    this.checkDrained();
  }

  private checkDrained() {
    if (this.queue.length > 0 || this.inFlight.length > 0) return;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  /**
   * Refuses new searches, waits until every search already accepted has answered, then stops
   * the worker, which releases the index's memory (or its mapping).
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queue.length > 0 || this.inFlight.length > 0) {
      await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
    await this.worker.terminate();
  }
}

function createChannel(queryFloats: number): Channel {
  const buffer = new SharedArrayBuffer(16 + MAX_HITS * 8 + queryFloats * 4 + MAX_HITS * 4 + MAX_BATCH * 4 + 1024);
  let offset = 0;
  const take = (bytes: number) => ((offset += bytes), offset - bytes);
  // keys right after the 16 control bytes: a BigUint64Array needs an 8-byte-aligned offset.
  return {
    control: new Int32Array(buffer, take(16), 4),
    keys: new BigUint64Array(buffer, take(MAX_HITS * 8), MAX_HITS),
    queries: new Float32Array(buffer, take(queryFloats * 4), queryFloats),
    distances: new Float32Array(buffer, take(MAX_HITS * 4), MAX_HITS),
    counts: new Uint32Array(buffer, take(MAX_BATCH * 4), MAX_BATCH),
    error: new Uint8Array(buffer, take(1024), 1024),
  };
}
