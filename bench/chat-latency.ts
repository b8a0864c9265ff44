/**
 * Advice end to end on the server (LangGraph retriever → analyzer → orchestrator, exact index,
 * request persisted in PostgreSQL) with the hash embedder and grounded analyzer, at 1, 8 and 32
 * concurrent clients, beside a bare reference: the same embed + search + document fetch +
 * grounded advice + bias check called directly, without the graph and without persistence.
 * Target: p95 < 50 ms at 8 concurrent clients.
 *
 *   node --max-semi-space-size=32 --import tsx bench/chat-latency.ts [--requests 400]
 *
 * (the web server runs with the same V8 flag; see scripts/supervisor.ts)
 *
 * Starts its own PostgreSQL and Redis in a temp dir unless DATABASE_URL / REDIS_URL are set.
 */
import { parseArgs } from "node:util";
import { QUESTIONS } from "./lib/questions";
import { startBenchServices } from "./lib/services";
import { median, ms, percentile, table } from "./lib/stats";

const { values } = parseArgs({ options: { requests: { type: "string", default: "400" } } });
const requests = Number(values.requests);

const services = await startBenchServices("chat");

// Imported after the environment is set: server/env.ts reads it once.
const { runMigrations, closeDb } = await import("../server/db");
const { seed, ensureActiveIndex } = await import("../server/seed");
const { runAdvice } = await import("../server/advice");
const { getLiveIndex, closeLiveIndex } = await import("../server/index-store");
const { resolveEmbedder } = await import("../server/embedding");
const { profilesFor } = await import("../server/rag");
const { createGroundedAnalyzer, MAX_ADVICE_TOKENS } = await import("../server/llm");
const { checkBias } = await import("../server/bias");
const { closeRedis } = await import("../server/redis");

await runMigrations();
await seed();
await ensureActiveIndex();
const [embedder, index] = await Promise.all([resolveEmbedder(), getLiveIndex()]);
const grounded = createGroundedAnalyzer();

const question = (i: number) => `${QUESTIONS[i % QUESTIONS.length]} (${i})`;

async function ours(i: number) {
  const result = await runAdvice({ question: question(i), channel: "api", externalUserId: "bench" });
  if (result.status !== "ok") throw new Error(result.error);
}

async function reference(i: number) {
  const [vector] = await embedder.embed([question(i)]);
  const profiles = await profilesFor(index, await index.searcher.search(vector!, 5));
  let advice = "";
  for await (const chunk of grounded.stream({ question: question(i), profiles, maxTokens: MAX_ADVICE_TOKENS }))
    advice += chunk;
  checkBias(advice);
}

async function load(fn: (i: number) => Promise<void>, clients: number) {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        const i = next++;
        const started = performance.now();
        await fn(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

await load(ours, 4);
await load(reference, 4);
const rows: (string | number)[][] = [];
for (const clients of [1, 8, 32]) {
  const a = await load(ours, clients);
  const b = await load(reference, clients);
  rows.push([
    `${clients}`,
    ms(median(a)),
    `**${ms(percentile(a, 95))}**`,
    ms(median(b)),
    ms(percentile(b, 95)),
    (percentile(a, 95) / percentile(b, 95)).toFixed(2),
  ]);
}

console.log(
  `\n${index.manifest.vectors.toLocaleString("en-US")} documents, hash embedder + grounded analyzer, ${requests} requests per cell\n`,
);
console.log(
  table(
    [
      "concurrent clients",
      "ours p50 (ms)",
      "ours p95 (ms)",
      "reference p50 (ms)",
      "reference p95 (ms)",
      "p95 ours ÷ ref",
    ],
    rows,
  ),
);

await closeLiveIndex();
await closeRedis();
await closeDb();
await services.stop();
