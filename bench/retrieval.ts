/**
 * Retrieval (embed + search) through our index against calling usearch directly on the same
 * vectors, plus how long each blocks the event loop. Target: ours ÷ raw ≤ 1.2.
 *
 *   node --import tsx bench/retrieval.ts [--queries 400]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import usearch from "usearch";
import { sha256Hex as sha256 } from "../server/hashing";
import { IndexSearcher } from "../server/index-store";
import { createHashEmbedder } from "../server/embedding";
import { corpusTexts } from "./lib/corpus";
import { QUESTIONS } from "./lib/questions";
import { eventLoopDelay, median, ms, percentile, table } from "./lib/stats";

const { values } = parseArgs({ options: { queries: { type: "string", default: "400" } } });
const queries = Number(values.queries);
const K = 5;

const embedder = createHashEmbedder();
const texts = await corpusTexts();
const dims = embedder.dimensions;
const matrix = new Float32Array(texts.length * dims);
(await embedder.embed(texts)).forEach((vector, i) => matrix.set(vector, i * dims));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-bench-"));
const file = path.join(dir, "index");
const bytes = new Uint8Array(matrix.buffer);
fs.writeFileSync(file, bytes);
const searcher = new IndexSearcher({
  kind: "exact",
  file,
  sha256: sha256(bytes),
  dimensions: dims,
  size: texts.length,
  threads: 1,
});
await searcher.ready;

const questionAt = (i: number) => `${QUESTIONS[i % QUESTIONS.length]} #${i}`;

async function ours(i: number) {
  const [vector] = await embedder.embed([questionAt(i)]);
  return searcher.search(vector!, K);
}
async function raw(i: number) {
  const [vector] = await embedder.embed([questionAt(i)]);
  return usearch.exactSearch(matrix, vector!, dims, K, usearch.MetricKind.IP, 1);
}

// Same answers first: the comparison is only fair if both find the same rows.
for (let i = 0; i < 20; i++) {
  const a = (await ours(i)).map((hit) => hit.row);
  const b = Array.from((await raw(i)).keys as BigUint64Array, Number);
  if (a.join() !== b.join()) throw new Error(`different results for query ${i}: ${a} vs ${b}`);
}

async function sequential(fn: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const { p99Ms } = await eventLoopDelay(async () => {
    for (let i = 0; i < queries; i++) {
      const started = performance.now();
      await fn(i);
      latencies.push(performance.now() - started);
      // Let timers run between queries, as a server between requests would.
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  return { latencies, lagMs: p99Ms };
}

async function concurrent(fn: (i: number) => Promise<unknown>, clients: number) {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; i < queries; i += clients) await fn(i);
    }),
  );
  return queries / ((performance.now() - started) / 1000);
}

await sequential(ours);
await sequential(raw);
const rounds = { ours: [] as number[], raw: [] as number[], oursLag: [] as number[], rawLag: [] as number[] };
for (let round = 0; round < 3; round++) {
  for (const [name, fn] of round % 2
    ? ([
        ["raw", raw],
        ["ours", ours],
      ] as const)
    : ([
        ["ours", ours],
        ["raw", raw],
      ] as const)) {
    const { latencies, lagMs } = await sequential(fn);
    rounds[name].push(...latencies);
    rounds[name === "ours" ? "oursLag" : "rawLag"].push(lagMs);
  }
}
const throughput = { ours: await concurrent(ours, 8), raw: await concurrent(raw, 8) };

console.log(
  `\n${texts.length.toLocaleString("en-US")} vectors × ${dims} (hash embedder), k=${K}, ${queries} queries × 3 rounds, interleaved\n`,
);
console.log(
  table(
    ["", "p50 (ms)", "p95 (ms)", "event-loop delay p99 (ms)", "8 concurrent clients (queries/s)"],
    [
      [
        "ours: embed + index worker",
        ms(median(rounds.ours)),
        ms(percentile(rounds.ours, 95)),
        ms(Math.max(...rounds.oursLag), 1),
        throughput.ours.toFixed(0),
      ],
      [
        "raw: embed + usearch.exactSearch",
        ms(median(rounds.raw)),
        ms(percentile(rounds.raw, 95)),
        ms(Math.max(...rounds.rawLag), 1),
        throughput.raw.toFixed(0),
      ],
      [
        "ours ÷ raw",
        `**${(median(rounds.ours) / median(rounds.raw)).toFixed(2)}**`,
        (percentile(rounds.ours, 95) / percentile(rounds.raw, 95)).toFixed(2),
        "",
        (throughput.ours / throughput.raw).toFixed(2),
      ],
    ],
  ),
);
await searcher.close();
fs.rmSync(dir, { recursive: true, force: true });
