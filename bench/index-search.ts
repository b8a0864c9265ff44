/**
 * Exact and HNSW search through our searcher (server/index-store/serve/searcher.ts: worker thread,
 * sha256-verified file) against raw usearch on the same files, on loan-profile vectors
 * (bench/lib/vectors.ts): latency one query at a time, recall@5 against exact search (strict, and
 * ann-benchmarks' ε-recall with ε = 0.01 beside it), the
 * memory-bandwidth floor of an exact scan, HNSW build time and size, and the time to open an
 * HNSW file. Targets: ours ÷ raw ≤ 1.2; exact ÷ floor ≤ 1.3; HNSW recall@5 ≥ 0.95 with
 * p95 < 2 ms at 500,000.
 *
 *   node --import tsx bench/index-search.ts [--sizes 100000,500000] [--queries 1000]
 *     [--exact-queries 150] [--threads 2] [--quantization f16] [--connectivity 32]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import usearch from "usearch";
import { sha256File, sha256Hex } from "../server/hashing";
import { IndexSearcher, type SearchHit } from "../server/index-store";
import {
  buildHnswIndex,
  DEFAULT_HNSW_PARAMS,
  EF_LADDER,
  epsilonRecallAtK,
  exactTopK,
  heldOutQueries,
  recallAtKWithTies,
  RECALL_TARGET,
  trueScores,
  tuneEf,
} from "../server/index-store/pipeline";
import { median, ms, percentile, table } from "./lib/stats";
import { loanProfileVectors } from "./lib/vectors";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000,500000" },
    queries: { type: "string", default: "1000" },
    "exact-queries": { type: "string", default: "150" },
    threads: { type: "string", default: "2" },
    quantization: { type: "string", default: DEFAULT_HNSW_PARAMS.quantization },
    connectivity: { type: "string", default: String(DEFAULT_HNSW_PARAMS.connectivity) },
  },
});
const SIZES = values.sizes.split(",").map(Number);
const QUERIES = Number(values.queries);
const EXACT_QUERIES = Number(values["exact-queries"]);
const THREADS = Number(values.threads);
const PARAMS = { quantization: values.quantization, connectivity: Number(values.connectivity) };
const K = 5;
const ROUNDS = 3;
// ef values for the recall/latency curve: the product's ladder, up to where latency is far past target.
const CURVE = EF_LADDER.filter((ef) => ef <= 512);

const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const gbps = (bytes: number, millis: number) => bytes / 1e9 / (millis / 1000);
const queryAt = (queries: Float32Array, dims: number, q: number) => queries.subarray(q * dims, (q + 1) * dims);

/** Latency of `count` queries one at a time, `ROUNDS` rounds alternating which path goes first. */
async function interleaved(
  paths: Record<"ours" | "raw", (q: number) => unknown>,
  count: number,
): Promise<Record<"ours" | "raw", number[]>> {
  const latencies = { ours: [] as number[], raw: [] as number[] };
  const run = async (name: "ours" | "raw", from: number, to: number) => {
    for (let q = from; q < to; q++) {
      const started = performance.now();
      await paths[name](q);
      latencies[name].push(performance.now() - started);
      // Let timers run between queries, as a server between requests would.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // Warm-up: page faults, JIT, the worker's first message.
  for (const name of ["ours", "raw"] as const) await run(name, 0, Math.min(10, count));
  latencies.ours = [];
  latencies.raw = [];
  const perRound = Math.ceil(count / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const from = round * perRound;
    const to = Math.min(count, from + perRound);
    const order = round % 2 ? (["raw", "ours"] as const) : (["ours", "raw"] as const);
    for (const name of order) await run(name, from, to);
  }
  return latencies;
}

/**
 * Read bandwidth without usearch: glibc's memchr (Buffer#indexOf for a byte that is not
 * there) streams the buffer with SIMD loads and does nothing else, so it runs at what the
 * memory system delivers. With 2 threads, each scans half of a shared buffer at the same time.
 * Best of 5, to measure the machine rather than its neighbours.
 */
async function memchrBandwidth(bytes: number, threads: number): Promise<number> {
  const shared = new SharedArrayBuffer(bytes);
  new Uint8Array(shared).fill(1);
  const share = Math.floor(bytes / threads);
  const workers = Array.from(
    { length: threads },
    (_, i) =>
      new Worker(
        `const { parentPort, workerData } = require("node:worker_threads");
         const view = Buffer.from(workerData.shared, workerData.offset, workerData.length);
         parentPort.on("message", () => parentPort.postMessage(view.indexOf(2)));`,
        { eval: true, workerData: { shared, offset: i * share, length: share } },
      ),
  );
  const scan = () =>
    Promise.all(
      workers.map((worker) => {
        const done = new Promise((resolve) => worker.once("message", resolve));
        worker.postMessage("scan");
        return done;
      }),
    );
  await scan();
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    const started = performance.now();
    await scan();
    best = Math.min(best, performance.now() - started);
  }
  await Promise.all(workers.map((worker) => worker.terminate()));
  return gbps(share * threads, best);
}

/**
 * Read bandwidth as plain JavaScript sees it: summing a Float32Array with four independent
 * accumulators (one would make the loop wait on each add). One thread; V8 does not vectorise,
 * so this is usually below what memchr reaches.
 */
function jsSumBandwidth(bytes: number): number {
  const floats = new Float32Array(bytes / 4).fill(1);
  let best = Infinity;
  let sink = 0;
  for (let rep = 0; rep < 4; rep++) {
    const started = performance.now();
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let i = 0; i < floats.length; i += 4) {
      a += floats[i]!;
      b += floats[i + 1]!;
      c += floats[i + 2]!;
      d += floats[i + 3]!;
    }
    sink += a + b + c + d;
    if (rep > 0) best = Math.min(best, performance.now() - started);
  }
  if (sink === 0) log("impossible: the sum was optimised away");
  return gbps(bytes, best);
}

/**
 * Of the rows HNSW returned that are not in the exact top-k, the share whose exact score is
 * within NEAR_TIE of the k-th true score: misses a reader could not tell from the true hits.
 */
const NEAR_TIE = 0.01;
function nearTieShare(
  matrix: Float32Array,
  dims: number,
  queries: Float32Array,
  found: number[][],
  truth: SearchHit[][],
) {
  let misses = 0;
  let nearTies = 0;
  found.forEach((rows, q) => {
    const trueRows = new Set(truth[q]!.map((hit) => hit.row));
    const kth = truth[q]![truth[q]!.length - 1]!.score;
    for (const row of rows.filter((r) => !trueRows.has(r))) {
      let score = 0;
      for (let d = 0; d < dims; d++) score += queries[q * dims + d]! * matrix[row * dims + d]!;
      misses++;
      if (kth - score <= NEAR_TIE) nearTies++;
    }
  });
  return misses === 0 ? 1 : nearTies / misses;
}

interface SizeResult {
  n: number;
  searchRows: (string | number)[][];
  floorRow: (string | number)[];
  buildRow: (string | number)[];
  curve: { ef: number; recall: number; epsilonRecall: number; nearTies: number; p50: number; p95: number }[];
  tuning: string;
}

async function measure(n: number): Promise<SizeResult> {
  let started = performance.now();
  const { matrix, dimensions: dims, realRows } = await loanProfileVectors(n);
  log(
    `${n}: ${realRows} real + ${n - realRows} synthetic profiles embedded in ${ms(performance.now() - started, 0)} ms`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-bench-search-"));
  try {
    const exactBytes = new Uint8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength);
    const exactFile = path.join(dir, "exact");
    fs.writeFileSync(exactFile, exactBytes);
    const exactSha = sha256Hex(exactBytes);

    started = performance.now();
    const built = buildHnswIndex(matrix, dims, PARAMS, THREADS);
    const buildMs = performance.now() - started;
    const hnswFile = path.join(dir, "hnsw");
    fs.writeFileSync(hnswFile, built.bytes);
    const hnswSha = sha256Hex(built.bytes);
    log(`${n}: HNSW built in ${ms(buildMs / 1000, 1)} s, ${mb(built.bytes.byteLength)} MB`);

    // Tune on one query set (as validate-index does), measure on another. Recall everywhere is
    // recallAtKWithTies, the measure validate-index gates on: exact ties (duplicate profiles) count as found.
    const tuneQueries = heldOutQueries(matrix, dims, 500, 1);
    const tuneTruth = exactTopK(matrix, dims, tuneQueries, K, THREADS);
    const queries = heldOutQueries(matrix, dims, QUERIES, 2);
    const truth = exactTopK(matrix, dims, queries, K, THREADS);
    const truthScores = trueScores(truth, queries, matrix, dims);
    // ann-benchmarks' ε-recall of hits for the first queries (as many as there are hit lists).
    const epsilonRecall = (found: readonly (readonly (number | SearchHit)[])[]) =>
      epsilonRecallAtK(truthScores.slice(0, found.length), trueScores(found, queries, matrix, dims), K);
    log(`${n}: ground truth for ${500 + QUERIES} queries`);

    const hnswSearcher = (ef: number) =>
      new IndexSearcher({
        kind: "hnsw",
        file: hnswFile,
        sha256: hnswSha,
        dimensions: dims,
        size: n,
        threads: THREADS,
        ef,
      });
    const tuned = await tuneEf(async (ef) => {
      const searcher = hnswSearcher(ef);
      await searcher.ready;
      const found: SearchHit[][] = [];
      for (let q = 0; q < 500; q++) found.push(await searcher.search(queryAt(tuneQueries, dims, q), K));
      await searcher.close();
      return recallAtKWithTies(found, tuneTruth, K, tuneQueries, matrix, dims);
    });
    const ef = tuned.ef ?? EF_LADDER[EF_LADDER.length - 1]!;
    const tuning = tuned.steps.map((step) => `${step.ef} → ${step.recall.toFixed(3)}`).join(", ");
    log(`${n}: tuneEf ${tuning}`);

    // Raw usearch, on the main thread, on the same files.
    const rawFile = fs.readFileSync(exactFile);
    if (rawFile.byteOffset !== 0) throw new Error("usearch's exactSearch needs the matrix at offset 0");
    const rawMatrix = new Float32Array(rawFile.buffer, 0, rawFile.byteLength / 4);
    const rawHnsw = (efSearch: number) => {
      const index = new usearch.Index({
        dimensions: dims,
        metric: usearch.MetricKind.IP,
        quantization: usearch.ScalarKind.F32,
        connectivity: 0,
        expansion_add: 0,
        expansion_search: efSearch,
        multi: false,
      });
      index.view(hnswFile);
      return index;
    };

    // Recall/latency curve of raw HNSW: where the target sits, and what each step costs.
    const curve = [];
    for (const efSearch of CURVE) {
      const index = rawHnsw(efSearch);
      const found: number[][] = [];
      const latencies: number[] = [];
      for (let q = 0; q < QUERIES; q++) {
        const t = performance.now();
        const result = index.search(queryAt(queries, dims, q), K, THREADS);
        latencies.push(performance.now() - t);
        found.push(Array.from(result.keys, Number));
      }
      curve.push({
        ef: efSearch,
        recall: recallAtKWithTies(found, truth, K, queries, matrix, dims),
        epsilonRecall: epsilonRecall(found),
        nearTies: nearTieShare(matrix, dims, queries, found, truth),
        p50: median(latencies),
        p95: percentile(latencies, 95),
      });
    }

    const oursExact = new IndexSearcher({
      kind: "exact",
      file: exactFile,
      sha256: exactSha,
      dimensions: dims,
      size: n,
      threads: THREADS,
    });
    const oursHnsw = hnswSearcher(ef);
    await Promise.all([oursExact.ready, oursHnsw.ready]);
    const rawIndex = rawHnsw(ef);

    // Same answers first: the comparison is only fair if both paths find the same rows.
    for (let q = 0; q < 10; q++) {
      const query = queryAt(queries, dims, q);
      const ours = (await oursExact.search(query, K)).map((hit) => hit.row);
      const raw = exactTopK(rawMatrix, dims, query, K, THREADS)[0]!.map((hit) => hit.row);
      if (ours.join() !== raw.join()) throw new Error(`exact: different rows for query ${q}: ${ours} vs ${raw}`);
    }
    for (let q = 0; q < 100; q++) {
      const query = queryAt(queries, dims, q);
      const ours = (await oursHnsw.search(query, K)).map((hit) => hit.row);
      const raw = Array.from(rawIndex.search(query, K, THREADS).keys, Number);
      if (ours.join() !== raw.join()) throw new Error(`hnsw: different rows for query ${q}: ${ours} vs ${raw}`);
    }

    // Right before the exact scans, so a neighbour's load on this shared machine hits both alike.
    log(`${n}: read bandwidth`);
    const scanBytes = n * dims * 4;
    const memchr1 = await memchrBandwidth(scanBytes, 1);
    const memchrT = THREADS > 1 ? await memchrBandwidth(scanBytes, THREADS) : memchr1;
    const jsSum = jsSumBandwidth(scanBytes);
    // The floor uses the best read bandwidth measured: the strictest floor.
    const floorMs = (scanBytes / (Math.max(memchr1, memchrT, jsSum) * 1e9)) * 1000;
    log(`${n}: exact latency, ${EXACT_QUERIES} queries per path`);
    const exact = await interleaved(
      {
        ours: (q) => oursExact.search(queryAt(queries, dims, q), K),
        // slice, not subarray: usearch 2.25.3's exactSearch ignores byteOffset.
        raw: (q) =>
          usearch.exactSearch(rawMatrix, queryAt(queries, dims, q).slice(), dims, K, usearch.MetricKind.IP, THREADS),
      },
      EXACT_QUERIES,
    );
    log(`${n}: HNSW latency, ${QUERIES} queries per path`);
    const hnsw = await interleaved(
      {
        ours: (q) => oursHnsw.search(queryAt(queries, dims, q), K),
        raw: (q) => rawIndex.search(queryAt(queries, dims, q), K, THREADS),
      },
      QUERIES,
    );
    const oursHnswHits: SearchHit[][] = [];
    for (let q = 0; q < QUERIES; q++) oursHnswHits.push(await oursHnsw.search(queryAt(queries, dims, q), K));
    const hnswRecall = recallAtKWithTies(oursHnswHits, truth, K, queries, matrix, dims);
    const exactHits: SearchHit[][] = [];
    for (let q = 0; q < EXACT_QUERIES; q++) exactHits.push(await oursExact.search(queryAt(queries, dims, q), K));
    const exactRecall = recallAtKWithTies(exactHits, truth.slice(0, EXACT_QUERIES), K, queries, matrix, dims);
    await Promise.all([oursExact.close(), oursHnsw.close()]);

    // Opening an HNSW file as an instance does on a swap: verify sha256 + view + first query.
    // The file was just written, so it is in the page cache: this is the warm-cache time.
    const opens: number[] = [];
    const rawOpens: number[] = [];
    const hashes: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      started = performance.now();
      const searcher = hnswSearcher(ef);
      await searcher.ready;
      await searcher.search(queryAt(queries, dims, rep), K);
      opens.push(performance.now() - started);
      await searcher.close();
      started = performance.now();
      rawHnsw(ef).search(queryAt(queries, dims, rep), K, THREADS);
      rawOpens.push(performance.now() - started);
      started = performance.now();
      await sha256File(hnswFile);
      hashes.push(performance.now() - started);
    }

    const label = n.toLocaleString("en-US");
    const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
    return {
      n,
      searchRows: [
        [
          `${label}: exact, ours (worker)`,
          ms(median(exact.ours)),
          ms(percentile(exact.ours, 95)),
          exactRecall.toFixed(3),
          epsilonRecall(exactHits).toFixed(3),
          `**${ratio(exact.ours, exact.raw)}**`,
        ],
        [`${label}: exact, raw usearch.exactSearch`, ms(median(exact.raw)), ms(percentile(exact.raw, 95)), "", "", ""],
        [
          `${label}: HNSW ef=${ef}, ours (worker)`,
          ms(median(hnsw.ours), 3),
          ms(percentile(hnsw.ours, 95), 3),
          hnswRecall.toFixed(3),
          epsilonRecall(oursHnswHits).toFixed(3),
          `**${ratio(hnsw.ours, hnsw.raw)}**`,
        ],
        [
          `${label}: HNSW ef=${ef}, raw Index.search (view)`,
          ms(median(hnsw.raw), 3),
          ms(percentile(hnsw.raw, 95), 3),
          "",
          "",
          "",
        ],
      ],
      floorRow: [
        label,
        mb(scanBytes),
        memchr1.toFixed(1),
        memchrT.toFixed(1),
        jsSum.toFixed(1),
        ms(floorMs, 1),
        ms(median(exact.raw), 1),
        ms(median(exact.ours), 1),
        `**${(median(exact.ours) / floorMs).toFixed(2)}**`,
      ],
      buildRow: [
        label,
        ms(buildMs / 1000, 1),
        Math.round(n / (buildMs / 1000)).toLocaleString("en-US"),
        mb(built.bytes.byteLength),
        Math.round(built.bytes.byteLength / n),
        ms(median(opens), 0),
        ms(median(hashes), 0),
        ms(median(rawOpens), 1),
      ],
      curve,
      tuning,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const results: SizeResult[] = [];
for (const n of SIZES) results.push(await measure(n));

const { connectivity, expansionAdd } = { ...DEFAULT_HNSW_PARAMS, ...PARAMS };
console.log(
  `\nLoan-profile vectors × 384 (hash embedder), k=${K}, ${THREADS} usearch threads, HNSW ${PARAMS.quantization} M=${connectivity} ef_add=${expansionAdd}; ` +
    `one query at a time, ${ROUNDS} rounds interleaved; held-out queries (midpoints of row pairs)\n`,
);
console.log(
  table(
    ["", "p50 (ms)", "p95 (ms)", `recall@${K}`, `ε-recall@${K} (ε 0.01)`, "ours ÷ raw (p50)"],
    results.flatMap((result) => result.searchRows),
  ),
);
console.log("\nExact scan against the memory-bandwidth floor (N × 1,536 bytes ÷ read bandwidth)\n");
console.log(
  table(
    [
      "vectors",
      "matrix (MB)",
      "memchr 1 thread (GB/s)",
      `memchr ${THREADS} threads (GB/s)`,
      "JS sum 1 thread (GB/s)",
      "floor (ms)",
      "raw exact p50 (ms)",
      "ours exact p50 (ms)",
      "ours ÷ floor",
    ],
    results.map((result) => result.floorRow),
  ),
);
console.log("\nHNSW build and open (open = verify sha256 + view + first query, warm page cache, median of 3)\n");
console.log(
  table(
    [
      "vectors",
      "build (s)",
      "vectors/s",
      "file (MB)",
      "bytes/vector",
      "open, ours (ms)",
      "sha256File alone (ms)",
      "raw view + first query (ms)",
    ],
    results.map((result) => result.buildRow),
  ),
);
console.log(
  `\nRaw HNSW recall@${K} and latency by ef (${QUERIES} queries, one at a time); tuneEf target ${RECALL_TARGET}\n`,
);
console.log(
  table(
    [
      "ef",
      ...results.flatMap((result) => [
        `${result.n.toLocaleString("en-US")}: recall`,
        "ε-recall",
        `misses within ${NEAR_TIE} of k-th`,
        "p50 (ms)",
        "p95 (ms)",
      ]),
    ],
    CURVE.map((ef, i) => [
      ef,
      ...results.flatMap((result) => {
        const point = result.curve[i]!;
        return [
          point.recall.toFixed(3),
          point.epsilonRecall.toFixed(3),
          `${(point.nearTies * 100).toFixed(0)} %`,
          ms(point.p50, 3),
          ms(point.p95, 3),
        ];
      }),
    ]),
  ),
);
for (const result of results)
  console.log(`\ntuneEf at ${result.n.toLocaleString("en-US")} (500 tuning queries): ${result.tuning}`);
