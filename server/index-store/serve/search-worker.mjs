// Vector search with usearch, off the main thread: exact (a scan of an f32 matrix held in memory)
// or HNSW (a usearch graph file, memory-mapped). Plain JavaScript because Next.js serves the app
// from a bundle: this file is loaded from disk by path at run time.
// The worker checks the index file's sha256 before answering any query. After loading it serves
// queries through shared memory (the channel in searcher.ts), sleeping in Atomics.wait between them.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { parentPort } from "node:worker_threads";
import usearch from "usearch";
import { SLOT, STATE } from "./channel-protocol.mjs";
import { verifyChunks } from "./verify-chunks.mjs";

// Hash in pieces this large: big enough that per-call overhead vanishes, small enough to stay in
// the core's cache between the read and the hash.
const CHUNK = 1 << 20;

/** @type {{ kind: "exact", dataset: Float32Array } | { kind: "hnsw", index: usearch.Index } | undefined} */
let loaded;
let dimensions = 0;
let threads = 1;

/**
 * Reads `file` piece by piece, hashing as it goes, into `into` (the whole file) or a scratch
 * buffer (hash only). Throws unless the sha256 matches. Returns the file's size.
 */
function verify(file, sha256, into) {
  let fd;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    throw new Error(`index file ${file} cannot be read: ${error.message}`);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (into && into.byteLength !== size)
      throw new Error(`index file ${file} has ${size} bytes, expected ${into.byteLength}`);
    const scratch = into ? null : new Uint8Array(Math.min(CHUNK, Math.max(1, size)));
    const hash = createHash("sha256");
    for (let offset = 0; offset < size;) {
      const length = Math.min(CHUNK, size - offset);
      const target = into ? into.subarray(offset, offset + length) : scratch.subarray(0, length);
      const read = fs.readSync(fd, target, 0, length, offset);
      if (read === 0) break;
      hash.update(target.subarray(0, read));
      offset += read;
    }
    const actual = hash.digest("hex");
    if (actual !== sha256) {
      throw new Error(
        `index file ${file} is corrupt or truncated (${size} bytes): sha256 ${actual}, expected ${sha256}`,
      );
    }
    return size;
  } finally {
    fs.closeSync(fd);
  }
}

function loadExact({ file, sha256, size }) {
  // Allocated at the size the manifest promises, so a file of any other size fails before use.
  const dataset = new Float32Array(size * dimensions);
  verify(file, sha256, new Uint8Array(dataset.buffer));
  loaded = { kind: "exact", dataset };
  return dataset.byteLength;
}

/**
 * The file is memory-mapped, so its bytes need not pass through this thread: with a chunk list in
 * the manifest every core hashes a share. An exact matrix is read into this thread's memory and
 * hashed as it is read (`verify`), so what is served is exactly what was hashed.
 */
async function loadHnsw({ file, sha256, chunks, size, ef }) {
  const bytes = chunks ? await verifyChunks(file, chunks, threads) : verify(file, sha256, null);
  // The constructor's metric and scalar kind are placeholders: `view` takes them from the file.
  // expansion_search is not in the file, so it comes from here.
  const index = new usearch.Index({
    dimensions,
    metric: usearch.MetricKind.IP,
    quantization: usearch.ScalarKind.F32,
    connectivity: 0,
    expansion_add: 0,
    expansion_search: ef,
    multi: false,
  });
  try {
    index.view(file);
  } catch (error) {
    throw new Error(`index file ${file} is not a usable HNSW index: ${error.message}`);
  }
  if (index.dimensions() !== dimensions || index.size() !== size) {
    throw new Error(
      `index file ${file} holds ${index.size()} vectors × ${index.dimensions()}, expected ${size} × ${dimensions}`,
    );
  }
  loaded = { kind: "hnsw", index };
  return bytes;
}

/**
 * Answers one request from the shared channel: its queries' top-k into keys/distances, k slots
 * per query, counts[i] of query i's slots filled.
 * usearch 2.25.3's exactSearch ignores a typed array's byteOffset, and its binding refuses
 * shared memory: the queries are copied out (slice) into an array of their own, at offset 0.
 */
function answer({ control, queries, keys, distances, counts }) {
  const count = control[SLOT.COUNT];
  const k = control[SLOT.K];
  const batch = queries.slice(0, count * dimensions);
  const result =
    loaded.kind === "exact"
      ? usearch.exactSearch(loaded.dataset, batch, dimensions, k, usearch.MetricKind.IP, threads)
      : loaded.index.search(batch, k, threads);
  if (count === 1) {
    // One query comes back as Matches: exact pads unfilled slots with an out-of-range key
    // (the main thread drops those), HNSW returns only what it found.
    const found = Math.min(k, result.keys.length);
    keys.set(result.keys.subarray(0, found));
    distances.set(result.distances.subarray(0, found));
    counts[0] = found;
  } else {
    keys.set(result.keys);
    distances.set(result.distances);
    for (let i = 0; i < count; i++) counts[i] = Number(result.counts[i]);
  }
}

/** Serves the channel until terminated: sleep until a request, answer, wake the main thread. */
function serve(channel) {
  const { control, error } = channel;
  for (;;) {
    let state;
    while ((state = Atomics.load(control, SLOT.STATE)) !== STATE.REQUEST) Atomics.wait(control, SLOT.STATE, state);
    try {
      answer(channel);
      Atomics.store(control, SLOT.STATE, STATE.ANSWERED);
    } catch (failure) {
      const message = new TextEncoder().encode(String(failure?.message ?? failure)).subarray(0, error.length);
      error.set(message);
      control[SLOT.ERROR_BYTES] = message.length;
      Atomics.store(control, SLOT.STATE, STATE.FAILED);
    }
    Atomics.notify(control, SLOT.STATE);
  }
}

parentPort.once("message", async (message) => {
  try {
    dimensions = message.dimensions;
    threads = message.threads;
    const bytes = message.kind === "hnsw" ? await loadHnsw(message) : loadExact(message);
    parentPort.postMessage({ type: "loaded", bytes });
  } catch (error) {
    parentPort.postMessage({ type: "error", message: String(error?.message ?? error) });
    return;
  }
  // From here on this thread only sleeps and searches; the main thread ends it with terminate().
  serve(message.channel);
});
