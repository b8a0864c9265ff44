// Exact (brute-force) inner-product search with usearch, off the main thread. Plain JavaScript
// because Next.js serves the app from a bundle: this file is loaded from disk by path at run time.
// The worker reads the index file itself and checks its sha256 before answering any query.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import usearch from "usearch";

let dataset;
let dimensions = 0;
let threads = 1;

function load({ file, sha256, dimensions: dims, threads: searchThreads }) {
  const bytes = readFileSync(file);
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== sha256) throw new Error(`index file ${file} is corrupt: sha256 ${actual}, expected ${sha256}`);
  if (bytes.byteLength % (dims * 4) !== 0)
    throw new Error(`index file ${file} is truncated: ${bytes.byteLength} bytes`);
  // Copy into an aligned buffer of our own: a Buffer may be a slice of a shared pool.
  dataset = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(dataset.buffer).set(bytes);
  dimensions = dims;
  threads = searchThreads;
  return dataset.byteLength;
}

function search({ queries, count, k }) {
  const result = usearch.exactSearch(dataset, new Float32Array(queries), dimensions, k, usearch.MetricKind.IP, threads);
  const keys = new BigUint64Array(count * k);
  const distances = new Float32Array(count * k);
  for (let i = 0; i < count; i++) {
    const matches = count === 1 ? result : result.get(i);
    keys.set(matches.keys.subarray(0, k), i * k);
    distances.set(matches.distances.subarray(0, k), i * k);
  }
  return { keys, distances };
}

parentPort.on("message", (message) => {
  try {
    if (message.type === "load") {
      parentPort.postMessage({ type: "loaded", bytes: load(message) });
    } else if (message.type === "search") {
      const { keys, distances } = search(message);
      parentPort.postMessage({ type: "result", batch: message.batch, keys, distances }, [
        keys.buffer,
        distances.buffer,
      ]);
    }
  } catch (error) {
    parentPort.postMessage({ type: "error", batch: message.batch, message: String(error?.message ?? error) });
  }
});
