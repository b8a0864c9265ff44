import path from "node:path";
import { Worker } from "node:worker_threads";
import type { HnswBuild, HnswParamsInput } from "./hnsw";

// By path from the project root, like search-worker.mjs: this must not be bundled by Next.js.
const ENTRY = path.join(process.cwd(), "server", "index-store", "build", "hnsw-build-thread.mjs");

/**
 * buildHnswIndex in a worker thread. The build is synchronous native work that takes seconds to
 * minutes; on the job worker's event loop it would stop BullMQ's lock renewal (the job would be
 * declared stalled) and the worker's heartbeat (health would report no worker).
 */
export function buildHnswIndexInThread(
  matrix: Float32Array,
  dimensions: number,
  params: HnswParamsInput = {},
): Promise<HnswBuild> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(ENTRY, { workerData: { matrix, dimensions, params } });
    worker.once("message", (build: HnswBuild) => {
      resolve(build);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the HNSW build thread exited with code ${code}`));
    });
  });
}
