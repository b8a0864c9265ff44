// Entry of the worker thread that builds an HNSW index (see hnsw-in-thread.ts). Plain JavaScript
// loaded by path: it registers tsx itself, since a worker thread does not inherit the loader.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { buildHnswIndex } = await import("./hnsw.ts");
const { matrix, dimensions, params } = workerData;
const build = buildHnswIndex(matrix, dimensions, params);
parentPort.postMessage(build, [build.bytes.buffer]);
