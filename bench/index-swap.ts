/**
 * Index lifecycle timings, ours beside the least work that could do the same job, in one run:
 * - build a 100,000 × 384 exact index from stored embeddings (assemble, hash, store) — target < 5 s;
 * - load + verify + warm + swap it into a serving process — target < 500 ms;
 * - the same swap for a 500,000-vector HNSW index (fetch from the local store, verify, open,
 *   warm, swap) — target < 500 ms;
 * - search latency p99 under 8 concurrent clients without swaps and while swapping every 500 ms,
 *   and failed searches (must be 0).
 *
 *   node --import tsx bench/index-swap.ts [--vectors 100000] [--hnsw-vectors 500000] [--hnsw-expansion-add 128]
 *
 * Starts its own PostgreSQL and Redis in a temp dir unless DATABASE_URL / REDIS_URL are set.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import usearch from "usearch";
import { startBenchServices } from "./lib/services";
import { ms, percentile, table } from "./lib/stats";

const { values } = parseArgs({
  options: {
    vectors: { type: "string", default: "100000" },
    "hnsw-vectors": { type: "string", default: "500000" },
    // The graph's quality, not its size: a lower value builds faster and gives a file as large.
    "hnsw-expansion-add": { type: "string", default: "128" },
  },
});
const N = Number(values.vectors);
const HNSW_N = Number(values["hnsw-vectors"]);

const services = await startBenchServices("swap");
// Imported after the environment is set: server/env.ts reads it once.
const { loanProfileVectors } = await import("./lib/vectors");
const { runMigrations, closeDb } = await import("../server/db");
const { artifactStore } = await import("../server/artifacts");
const { swapTo, withLiveIndex, closeLiveIndex, loadedIndexes, getIndexVersion } = await import("../server/index-store");
const { buildIndex } = await import("../server/index-store/pipeline");
const { writeEmbeddingBatch } = await import("../server/embedding/pipeline");
await runMigrations();
const store = artifactStore();

/** Stores vectors as the embed job would (batches of 1,000) under a made-up embedder version. */
async function storeEmbeddings(embedderVersion: string, matrix: Float32Array, dims: number) {
  const rows = matrix.length / dims;
  for (let batch = 0; batch * 1000 < rows; batch++) {
    const start = batch * 1000;
    const end = Math.min(rows, start + 1000);
    const docs = Array.from({ length: end - start }, (_, i) => ({
      id: start + i + 1,
      contentHash: `doc-${start + i}`,
    }));
    await writeEmbeddingBatch(
      store,
      { embedderVersion, batch, dimensions: dims },
      docs,
      matrix.subarray(start * dims, end * dims),
    );
  }
}

async function swapIn(version: string) {
  const row = await getIndexVersion(version);
  const started = performance.now();
  const outcome = await swapTo({ version, sha256: row.manifestSha256! });
  if (!outcome.ok) throw new Error(outcome.error);
  return performance.now() - started;
}

const rows: string[][] = [];

// 1. Build 100K exact.
const { matrix, dimensions } = await loanProfileVectors(N, 1);
await storeEmbeddings("bench-a", matrix, dimensions);
let started = performance.now();
const exactA = await buildIndex({ store, embedderVersion: "bench-a", kind: "exact", actor: "bench" });
const buildMs = performance.now() - started;
// Reference: write the same bytes to a file and hash them, nothing else.
started = performance.now();
const rawFile = path.join(services.tmp, "raw-index");
const bytes = new Uint8Array(matrix.buffer);
fs.writeFileSync(rawFile, bytes);
createHash("sha256").update(bytes).digest("hex");
const rawBuildMs = performance.now() - started;
rows.push([`build ${N.toLocaleString("en-US")} exact`, ms(buildMs), ms(rawBuildMs), "< 5,000"]);

// 2. Load + verify + warm + swap of it.
const swapExactMs = await swapIn(exactA.version);
started = performance.now();
const raw = fs.readFileSync(rawFile);
createHash("sha256").update(raw).digest("hex");
const rawMatrix = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
usearch.exactSearch(rawMatrix, rawMatrix.subarray(0, dimensions), dimensions, 5, usearch.MetricKind.IP, 1);
const rawLoadMs = performance.now() - started;
rows.push([`load + verify + swap ${N.toLocaleString("en-US")} exact`, ms(swapExactMs), ms(rawLoadMs), "< 500"]);

// 3. 500K HNSW swap (built once; the build itself is reported, not targeted).
if (HNSW_N > 0) {
  const big = await loanProfileVectors(HNSW_N, 3);
  await storeEmbeddings("bench-hnsw", big.matrix, big.dimensions);
  started = performance.now();
  const hnsw = await buildIndex({
    store,
    embedderVersion: "bench-hnsw",
    kind: "hnsw",
    actor: "bench",
    hnsw: { expansionAdd: Number(values["hnsw-expansion-add"]) },
  });
  const hnswBuildMs = performance.now() - started;
  const swapHnswMs = await swapIn(hnsw.version);
  const file = path.join(services.tmp, "data", "artifacts", "indexes", hnsw.version, "index");
  started = performance.now();
  const params = hnsw.hnsw!;
  const view = new usearch.Index({
    dimensions: big.dimensions,
    metric: usearch.MetricKind.IP,
    quantization: params.quantization === "f16" ? usearch.ScalarKind.F16 : usearch.ScalarKind.F32,
    connectivity: params.connectivity,
    expansion_add: params.expansionAdd,
    expansion_search: params.expansionSearch,
    multi: false,
  });
  view.view(file);
  view.search(big.matrix.subarray(0, big.dimensions), 5, 1);
  const rawViewMs = performance.now() - started;
  rows.push([`build ${HNSW_N.toLocaleString("en-US")} HNSW (incl. exact twin)`, ms(hnswBuildMs), "—", "—"]);
  rows.push([
    `fetch + verify + open + warm + swap ${HNSW_N.toLocaleString("en-US")} HNSW`,
    ms(swapHnswMs),
    `${ms(rawViewMs)} (view + query, no verify)`,
    "< 500",
  ]);
  await swapIn(exactA.version);
}

// 4. Searches under load, without and with swaps between two exact versions.
const other = await loanProfileVectors(N, 2);
await storeEmbeddings("bench-b", other.matrix, other.dimensions);
const exactB = await buildIndex({ store, embedderVersion: "bench-b", kind: "exact", actor: "bench" });

async function searchLoad(durationMs: number, swapEveryMs: number | null) {
  const latencies: number[] = [];
  let failed = 0;
  let swaps = 0;
  const until = Date.now() + durationMs;
  const clients = Array.from({ length: 8 }, async (_, c) => {
    for (let i = 0; Date.now() < until; i++) {
      const row = (c * 7919 + i * 104729) % N;
      const query = matrix.subarray(row * dimensions, (row + 1) * dimensions);
      const t = performance.now();
      try {
        await withLiveIndex(async (index) =>
          (await index.searcher.search(query, 5)).map((h) => index.documentIds[h.row]),
        );
        latencies.push(performance.now() - t);
      } catch {
        failed++;
      }
    }
  });
  const swapper = (async () => {
    if (!swapEveryMs) return;
    const targets = [exactB.version, exactA.version];
    while (Date.now() + swapEveryMs < until) {
      await new Promise((resolve) => setTimeout(resolve, swapEveryMs));
      await swapIn(targets[swaps++ % 2]!);
    }
  })();
  await Promise.all([...clients, swapper]);
  return { latencies, failed, swaps };
}

const rssBefore = process.memoryUsage().rss;
const steady = await searchLoad(5_000, null);
const swapping = await searchLoad(5_000, 500);
await new Promise((resolve) => setTimeout(resolve, 500));
const rssAfter = process.memoryUsage().rss;

console.log(`\nIndex lifecycle, ${N.toLocaleString("en-US")} × ${dimensions} (loan-profile vectors)\n`);
console.log(table(["step", "ours (ms)", "reference (ms)", "target (ms)"], rows));
console.log("\nSearch under 8 concurrent clients, 5 s each\n");
console.log(
  table(
    ["phase", "searches", "p50 (ms)", "p99 (ms)", "failed", "swaps"],
    [
      [
        "no swaps",
        String(steady.latencies.length),
        ms(percentile(steady.latencies, 50)),
        ms(percentile(steady.latencies, 99)),
        String(steady.failed),
        "0",
      ],
      [
        "swap every 500 ms",
        String(swapping.latencies.length),
        ms(percentile(swapping.latencies, 50)),
        ms(percentile(swapping.latencies, 99)),
        String(swapping.failed),
        String(swapping.swaps),
      ],
    ],
  ),
);
console.log(
  `\nloaded versions after the swaps: ${loadedIndexes().length}; RSS before ${(rssBefore / 2 ** 20).toFixed(0)} MB, after ${(rssAfter / 2 ** 20).toFixed(0)} MB`,
);

await closeLiveIndex();
await closeDb();
await services.stop();
