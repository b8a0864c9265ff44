/**
 * Wall time of a full counterfactual fairness audit (server/fairness-audits, issue 13): every case
 * of the shipped audit set (240 questions) and its 8 variants (six protected swaps, two controls)
 * answered by the production release with the grounded analyzer, each pair compared and stored,
 * then scored — `runFairnessAuditNow`, what `fairness audit --release V` has the worker run.
 * Target: under 60 s. Beside it, on the same questions in the same process:
 *   - answers only: the same 2,160 answers (with the advice embedding), nothing compared or stored;
 *   - answers without the advice embedding: what embedding the advice costs;
 *   - naive: the original re-answered for every variant (16 answers per case instead of 9);
 * and the comparison and scoring alone, on the answers collected, so the time can be apportioned.
 *
 *   node --import tsx bench/fairness-audit.ts [--cases 0] [--naive true]
 *
 * Starts its own PostgreSQL and Redis in a temp dir unless DATABASE_URL / REDIS_URL are set.
 */
import { parseArgs } from "node:util";
import { startBenchServices } from "./lib/services";
import { table } from "./lib/stats";

const { values } = parseArgs({
  options: { cases: { type: "string", default: "0" }, naive: { type: "string", default: "true" } },
});

const services = await startBenchServices("fairness-audit", {
  APFA_AUDIT_CASES: values.cases,
  APFA_QUEUE_PREFIX: "bench",
});
const { runMigrations, closeDb } = await import("../server/db");
const { seed, ensureActiveIndex } = await import("../server/seed");
const { aliasedRelease, PRODUCTION } = await import("../server/registry");
const { runFairnessAuditNow } = await import("../server/fairness-audits");
const { answerWithRelease } = await import("../server/serving");
const { compareAnswers, labelAdvice, loadAuditSet, scoreAudit, variantsOf } = await import("../server/fairness");
const { closeRedis } = await import("../server/redis");

await runMigrations();
await seed();
await ensureActiveIndex();
const release = (await aliasedRelease(PRODUCTION))?.version;
if (!release) throw new Error("no production release after seeding");

/**
 * One question answered and read as the audit does (server/fairness-audits/answer.ts, which the
 * domain keeps behind its face): the release's answer with its advice embedded, then labelled.
 */
async function answerAuditQuestion(release: string, question: string) {
  const answer = await answerWithRelease(release, question, { embedAdvice: true });
  const { recommendation, amounts, rates } = labelAdvice(answer.advice);
  const label = recommendation === "none" ? null : recommendation;
  const sources = answer.sources.map((source) => source.id);
  return {
    compared: { advice: answer.advice, label, amounts, rates, sources, embedding: answer.adviceEmbedding ?? [] },
  };
}

// The cases the audit asks (APFA_AUDIT_CASES, as server/fairness-audits reads it: 0 is all).
const limit = Number(values.cases);
const cases = limit > 0 ? loadAuditSet().set.cases.slice(0, limit) : [...loadAuditSet().set.cases];
const variants = cases.reduce((sum, c) => sum + variantsOf(c).length, 0);
const seconds = (since: number) => (performance.now() - since) / 1000;

// Warm-up: the release's engines load and the index is read once, outside every timing.
for (const c of cases.slice(0, 3)) await answerAuditQuestion(release, c.question);

// Ours: the audit as the worker runs it.
let started = performance.now();
const audit = await runFairnessAuditNow(release, "bench");
const ours = seconds(started);

// Answers only, kept for timing the comparison afterwards.
started = performance.now();
const answered: {
  original: Awaited<ReturnType<typeof answerAuditQuestion>>;
  variants: { swap: string; answer: Awaited<ReturnType<typeof answerAuditQuestion>> }[];
}[] = [];
for (const c of cases) {
  const original = await answerAuditQuestion(release, c.question);
  const answers = [];
  for (const variant of variantsOf(c)) {
    const swap = variant.kind === "protected" ? variant.attribute : variant.control;
    answers.push({ swap, answer: await answerAuditQuestion(release, variant.question) });
  }
  answered.push({ original, variants: answers });
}
const answersOnly = seconds(started);

started = performance.now();
for (const c of cases) {
  await answerWithRelease(release, c.question);
  for (const variant of variantsOf(c)) await answerWithRelease(release, variant.question);
}
const withoutEmbedding = seconds(started);

let naive = Number.NaN;
if (values.naive === "true") {
  started = performance.now();
  for (const c of cases) {
    for (const variant of variantsOf(c)) {
      const original = await answerAuditQuestion(release, c.question);
      const answer = await answerAuditQuestion(release, variant.question);
      compareAnswers(original.compared, answer.compared);
    }
  }
  naive = seconds(started);
}

// Comparison and scoring alone, on the answers collected above.
started = performance.now();
const pairs = answered.flatMap((row, index) =>
  row.variants.map(({ swap, answer }) => ({
    caseId: cases[index]!.id,
    swap: swap as Parameters<typeof scoreAudit>[0][number]["swap"],
    disparity: compareAnswers(row.original.compared, answer.compared).disparity,
  })),
);
const compared = seconds(started);
started = performance.now();
scoreAudit(pairs, { threshold: audit.threshold ?? 0.1 });
const scored = seconds(started);

const answers = cases.length + variants;
const fixed = (value: number) => (Number.isNaN(value) ? "—" : value.toFixed(1));
const perAnswer = (value: number, count: number) => (Number.isNaN(value) ? "—" : ((value * 1000) / count).toFixed(1));
console.log(
  `\nrelease ${release} (grounded), audit set ${audit.auditSet}: ${cases.length} cases, ${variants} variants; audit #${audit.id} ${audit.status}\n`,
);
console.log(
  table(
    ["way", "answers", "wall time (s)", "ms per answer"],
    [
      ["ours: runFairnessAuditNow (answer, compare, store, score)", answers, fixed(ours), perAnswer(ours, answers)],
      [
        "answers only (with advice embedding), no compare or store",
        answers,
        fixed(answersOnly),
        perAnswer(answersOnly, answers),
      ],
      [
        "answers only, without advice embedding",
        answers,
        fixed(withoutEmbedding),
        perAnswer(withoutEmbedding, answers),
      ],
      ["naive: original re-answered for every variant", 2 * variants, fixed(naive), perAnswer(naive, 2 * variants)],
    ],
  ),
);
console.log(
  `\nwhere ours goes: answering ${fixed(withoutEmbedding)} s, embedding the advice ${fixed(answersOnly - withoutEmbedding)} s, ` +
    `comparing ${(compared * 1000).toFixed(0)} ms, scoring (bootstrap) ${(scored * 1000).toFixed(0)} ms, ` +
    `storing and the rest ${fixed(ours - answersOnly - compared - scored)} s\n`,
);

await closeRedis();
await closeDb();
await services.stop();
