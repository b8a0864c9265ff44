// A helper thread of verify-chunks.mjs: hashes the chunks it claims, then reports once.
import { parentPort, workerData } from "node:worker_threads";
import { hashClaimedChunks } from "./verify-chunks.mjs";

try {
  hashClaimedChunks(workerData.file, workerData.chunks, workerData.next);
  parentPort.postMessage({});
} catch (error) {
  parentPort.postMessage({ error: String(error?.message ?? error) });
}
