/**
 * What LangGraph costs per run on the main thread, with nothing else in the way: a three-node graph
 * with empty nodes, and one of the advice graph's shape (server/agent's state and configuration,
 * custom events, the `["custom", "values"]` stream) with instant nodes, beside the same steps as
 * plain calls. CPU time per run from `process.cpuUsage()` over many sequential runs (median of ten rounds).
 *
 *   node --max-semi-space-size=32 --import tsx bench/graph-overhead.ts [--runs 3000]
 *   node --max-semi-space-size=32 --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/graph-overhead.ts --only advice
 *
 * No database, Redis, index or engines: only the graph's own cost is measured.
 */
import { parseArgs } from "node:util";
import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { AdviceConfiguration, AdviceState } from "../server/agent";
import { ms, table } from "./lib/stats";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "3000" }, only: { type: "string" } },
});
const runs = Number(values.runs);

const Empty = Annotation.Root({ n: Annotation<number> });
const empty = new StateGraph(Empty)
  .addNode("a", () => ({}))
  .addNode("b", () => ({}))
  .addNode("c", () => ({}))
  .addEdge(START, "a")
  .addEdge("a", "b")
  .addEdge("b", "c")
  .addEdge("c", END)
  .compile();

const profiles = [{ id: 1, score: 0.9, text: "Approved: income 85,000, loan 250,000 at 6.5 %." }];
/** The advice graph's shape (state, configuration, custom events, timings reducer) with instant nodes. */
const shaped = new StateGraph(AdviceState, AdviceConfiguration)
  .addNode("retriever", (_state, config: LangGraphRunnableConfig) => {
    config.writer?.({ type: "sources", profiles });
    return { profiles: profiles as never, timings: { retrieverMs: 0.1, embedMs: 0, searchMs: 0 } };
  })
  .addNode("analyzer", (_state, config: LangGraphRunnableConfig) => {
    for (const text of ["Based on similar approved applications, ", "250,000 at 6.5 % looks affordable."])
      config.writer?.({ type: "token", text });
    return { advice: "ok", timings: { analyzerMs: 0.1 } };
  })
  .addNode("orchestrator", (_state, config: LangGraphRunnableConfig) => {
    const bias = { score: 0, flagged: false, reasons: [] };
    config.writer?.({ type: "bias", bias });
    return { bias: bias as never, timings: { orchestratorMs: 0.1 } };
  })
  .addEdge(START, "retriever")
  .addEdge("retriever", "analyzer")
  .addEdge("analyzer", "orchestrator")
  .addEdge("orchestrator", END)
  .compile();

async function runEmpty() {
  for await (const _ of await empty.stream({ n: 1 }, { streamMode: ["custom", "values"] })) void _;
}

async function runShaped() {
  const stream = await shaped.stream(
    { question: "Can I borrow 250,000 on 85,000 a year?", k: 5 },
    { streamMode: ["custom", "values"], configurable: { engines: {} as never } },
  );
  for await (const _ of stream) void _;
}

/** The same three steps as plain calls: what the graph adds is the difference. */
async function runDirect() {
  const events: unknown[] = [];
  const write = (event: unknown) => events.push(event);
  write({ type: "sources", profiles });
  for (const text of ["Based on similar approved applications, ", "250,000 at 6.5 % looks affordable."])
    write({ type: "token", text });
  write({ type: "bias", bias: { score: 0, flagged: false, reasons: [] } });
  await Promise.resolve();
}

const cases: [string, () => Promise<void>][] = [
  ["empty 3-node graph", runEmpty],
  ["advice-shaped graph, instant nodes", runShaped],
  ["direct calls (no graph)", runDirect],
];

/**
 * CPU and wall µs per run of `fn`: after a warm-up of a tenth of the runs, ten rounds of a tenth
 * each; the median round (these machines are shared, and a round may lose its core).
 */
async function measure(fn: () => Promise<void>) {
  const perRound = Math.max(1, Math.round(runs / 10));
  for (let i = 0; i < Math.max(100, perRound); i++) await fn();
  const rounds: { cpuUs: number; wallUs: number }[] = [];
  for (let round = 0; round < 10; round++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < perRound; i++) await fn();
    const used = process.cpuUsage(cpu);
    rounds.push({
      cpuUs: (used.user + used.system) / perRound,
      wallUs: ((performance.now() - started) * 1000) / perRound,
    });
  }
  rounds.sort((a, b) => a.cpuUs - b.cpuUs);
  return rounds[5]!;
}

const rows: (string | number)[][] = [];
for (const [name, fn] of cases) {
  if (values.only && !name.startsWith(values.only)) continue;
  const { cpuUs, wallUs } = await measure(fn);
  rows.push([name, ms(cpuUs / 1000, 3), ms(wallUs / 1000, 3)]);
}
console.log(`\n${runs} sequential runs per case, Node ${process.version}\n`);
console.log(table(["graph", "CPU per run (ms)", "wall per run (ms)"], rows));
