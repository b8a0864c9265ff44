// Entry of a worker thread that runs the hash embedder for the embed job (see parallel-embedder.ts).
// Plain JavaScript loaded by path: it registers tsx itself, since a worker thread does not inherit
// the loader.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { hashEmbed } = await import("./hash-embedder.ts");
const { neutralize } = await import("./neutralize.ts");

parentPort.on("message", ({ id, texts, dimensions, neutral }) => {
  try {
    const vectors = new Float32Array(texts.length * dimensions);
    texts.forEach((text, i) => vectors.set(hashEmbed(neutral ? neutralize(text) : text, dimensions), i * dimensions));
    parentPort.postMessage({ id, vectors }, [vectors.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
