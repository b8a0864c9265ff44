/**
 * The advice evaluation (data/eval/): grounded-v1 beside grounded-v2 on the shipped corpus with the
 * hash embedder — does the advisor read the question, answer what was asked, keep to the facts the
 * borrower gave, ask when it lacks them, ignore where the borrower lives and who they are, and
 * compare them with loans like theirs? Definitions of every row: docs/benchmarks.md.
 *
 *   node --import tsx bench/advice-eval.ts [--failures]
 *
 * Starts its own PostgreSQL and Redis in a temp dir unless DATABASE_URL / REDIS_URL are set.
 */
import { parseArgs } from "node:util";
import { loadAdviceEvalSet } from "./lib/advice-eval-set";
import { startBenchServices } from "./lib/services";
import { table } from "./lib/stats";

const { values } = parseArgs({ options: { failures: { type: "boolean", default: false } } });

const set = loadAdviceEvalSet();
const services = await startBenchServices("advice-eval");

// Imported after the environment is set: server/env.ts reads it once.
const { runMigrations, closeDb } = await import("../server/db");
const { seed, ensureActiveIndex } = await import("../server/seed");
const { closeLiveIndex, getLiveIndex } = await import("../server/index-store");
const { closeRedis } = await import("../server/redis");
const { advisorPipelines, evaluatePipeline } = await import("./lib/advice-run");

await runMigrations();
await seed();
await ensureActiveIndex();
const index = await getLiveIndex();
const { v1, v2 } = await advisorPipelines();
const a = await evaluatePipeline(set, v1);
const b = await evaluatePipeline(set, v2);

const fixed = (value: number, digits = 2) => (Number.isNaN(value) ? "n/a" : value.toFixed(digits));
const dollars = (value: number) => `$${Math.round(value).toLocaleString("en-US")}`;
const lacking = set.questions.filter((q) => q.lacksFacts).length;
const askable = set.questions.filter((q) => q.kind !== "general").length;
const withIncome = set.questions.filter((q) => q.facets.income !== undefined).length;
const variants = set.swaps.reduce((sum, s) => sum + s.variants.length, 0);

console.log(
  `\n${set.questions.length} questions (${askable} not general, ${lacking} lacking facts, ${withIncome} stating income), ` +
    `${variants} swap variants of ${set.swaps.length}; ${index.manifest.vectors.toLocaleString("en-US")} loans, ` +
    `embedder ${index.manifest.embedderVersion}; analyzers: ${a.analyzerVersion} | ${b.analyzerVersion}\n`,
);
console.log(
  table(
    ["", "grounded-v1", "grounded-v2", "target"],
    [
      ["facet extraction: questions exactly right", fixed(a.facetExactMatch), fixed(b.facetExactMatch), "1.00"],
      ["facet extraction: labelled values right", fixed(a.facetValues), fixed(b.facetValues), "1.00"],
      ["answers that address the asked option(s)", fixed(a.addressed), fixed(b.addressed), "1.00"],
      ["answers stating facts the borrower did not give", fixed(a.unstatedFacts), fixed(b.unstatedFacts), "0.00"],
      [
        "underspecified questions answered with a request for details",
        fixed(a.askedForDetails),
        fixed(b.askedForDetails),
        "1.00",
      ],
      ["retrieval invariance under state and protected swaps", fixed(a.invariance), fixed(b.invariance), "1.00"],
      [
        "mean abs. difference: stated income vs sources' annual_inc",
        dollars(a.incomeGap),
        dollars(b.incomeGap),
        "lower",
      ],
    ],
  ),
);
if (a.analyzerVersion === b.analyzerVersion) {
  console.log(`\nBoth columns ran analyzer ${a.analyzerVersion}: grounded-v2 is not in this tree yet.`);
}
if (values.failures) {
  for (const [name, figures] of [
    ["grounded-v1", a],
    ["grounded-v2", b],
  ] as const) {
    console.log(`\n${name} shortfalls:`);
    for (const [row, ids] of Object.entries(figures.failures)) console.log(`  ${row}: ${ids.join(" ") || "none"}`);
  }
}

await closeLiveIndex();
await closeRedis();
await closeDb();
await services.stop();
