import { createHashEmbedder, hashEmbed, resolveEmbedder } from "../../server/embedding";
import { getLiveIndex } from "../../server/index-store";
import { withThreads } from "../../server/embedding/pipeline";
import { documentPage, documentsByIds } from "../../server/ingest";
import * as llm from "../../server/llm";
import { parseQuestion, understandQuestion, type QuestionFacets } from "../../server/question";
import { retrieveProfiles, type RetrievedProfile } from "../../server/rag";
import type { EvalSet } from "./advice-eval-set";
import {
  addressesQuestion,
  asksForDetails,
  facetsExactMatch,
  facetValuesCorrect,
  incomeGap,
  sameSources,
  unstatedFacts,
} from "./advice-metrics";

/**
 * Runs the advice evaluation set through one advisor pipeline (question understanding, retrieval,
 * analyzer) and computes its figures. Import after the environment is set: server/env reads it once.
 */

export interface AdvicePipeline {
  name: string;
  extract(question: string): QuestionFacets;
  retrieve(question: string): Promise<RetrievedProfile[]>;
  analyzer: llm.Analyzer;
}

export interface AdviceFigures {
  analyzerVersion: string;
  /** Share of questions whose extracted facets are exactly the labelled ones. */
  facetExactMatch: number;
  /** Share of all labelled facet values extracted with that value. */
  facetValues: number;
  /** Share of non-general questions whose answer addresses what was asked. */
  addressed: number;
  /** Share of answers presenting a figure as the borrower's that the question does not give. */
  unstatedFacts: number;
  /** Share of questions lacking facts answered with a request naming every missing fact. */
  askedForDetails: number;
  /** Share of swap variants retrieving the same five loans as their base. */
  invariance: number;
  /** Mean |annual_inc − stated income| of the five sources, over questions that state an income. */
  incomeGap: number;
  /** Ids behind each shortfall, for reading the failures. */
  failures: { facets: string[]; addressed: string[]; unstated: string[]; details: string[]; invariance: string[] };
}

const share = (hits: number, total: number) => (total === 0 ? NaN : hits / total);

async function advise(pipeline: AdvicePipeline, question: string, profiles: RetrievedProfile[]): Promise<string> {
  let text = "";
  for await (const chunk of pipeline.analyzer.stream({ question, profiles, maxTokens: llm.MAX_ADVICE_TOKENS })) {
    text += chunk;
  }
  return text;
}

const annualIncome = (profile: RetrievedProfile): number | null => {
  const value = Number(profile.fields.annual_inc);
  return profile.fields.annual_inc === null || !Number.isFinite(value) ? null : value;
};

export async function evaluatePipeline(set: EvalSet, pipeline: AdvicePipeline): Promise<AdviceFigures> {
  const failures: AdviceFigures["failures"] = { facets: [], addressed: [], unstated: [], details: [], invariance: [] };
  let exact = 0;
  let valuesCorrect = 0;
  let valuesTotal = 0;
  let addressed = 0;
  let askable = 0;
  let unstated = 0;
  let asked = 0;
  let lacking = 0;
  const gaps: number[] = [];
  const sources = new Map<string, number[]>();

  for (const q of set.questions) {
    const extracted = pipeline.extract(q.question);
    if (facetsExactMatch(q.facets, extracted)) exact++;
    else failures.facets.push(q.id);
    const values = facetValuesCorrect(q.facets, extracted);
    valuesCorrect += values.correct;
    valuesTotal += values.total;

    const profiles = await pipeline.retrieve(q.question);
    sources.set(
      q.id,
      profiles.map((p) => p.id),
    );
    const answer = await advise(pipeline, q.question, profiles);

    const addresses = addressesQuestion(q, answer);
    if (addresses !== null) {
      askable++;
      if (addresses) addressed++;
      else failures.addressed.push(q.id);
    }
    if (unstatedFacts(q, answer).length > 0) {
      unstated++;
      failures.unstated.push(q.id);
    }
    if (q.lacksFacts) {
      lacking++;
      if (asksForDetails(q, answer)) asked++;
      else failures.details.push(q.id);
    }
    const gap = incomeGap(q, profiles.map(annualIncome));
    if (gap !== null) gaps.push(gap);
  }

  let same = 0;
  let variants = 0;
  for (const swap of set.swaps) {
    const base = sources.get(swap.base)!;
    for (const [i, variant] of swap.variants.entries()) {
      variants++;
      if (
        sameSources(
          base,
          (await pipeline.retrieve(variant)).map((p) => p.id),
        )
      )
        same++;
      else failures.invariance.push(`${swap.base}#${i}`);
    }
  }

  return {
    analyzerVersion: pipeline.analyzer.version,
    facetExactMatch: share(exact, set.questions.length),
    facetValues: share(valuesCorrect, valuesTotal),
    addressed: share(addressed, askable),
    unstatedFacts: share(unstated, set.questions.length),
    askedForDetails: share(asked, lacking),
    invariance: share(same, variants),
    incomeGap: gaps.reduce((a, b) => a + b, 0) / gaps.length,
    failures,
  };
}

/**
 * Retrieval as grounded-v1 shipped it: the question's raw text (place and descriptors included)
 * embedded by the plain hash embedder, and the k nearest of every stored profile's raw text — an
 * exact inner-product scan in memory, since the product's index now holds neutral-text vectors.
 */
async function rawTextRetrieval(k: number): Promise<(question: string) => Promise<RetrievedProfile[]>> {
  const embedder = withThreads(createHashEmbedder());
  const ids: number[] = [];
  const vectors: Float32Array[] = [];
  try {
    for (let after = 0; ;) {
      const page = await documentPage(after, 5_000);
      if (page.length === 0) break;
      vectors.push(...(await embedder.embed(page.map((doc) => doc.text))));
      ids.push(...page.map((doc) => doc.id));
      after = page.at(-1)!.id;
    }
  } finally {
    await embedder.close();
  }
  return async (question) => {
    const query = hashEmbed(question);
    const scores = vectors.map((vector) => vector.reduce((sum, value, i) => sum + value * query[i]!, 0));
    const best = scores
      .map((score, row) => ({ score, row }))
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
    const docs = new Map((await documentsByIds(best.map(({ row }) => ids[row]!))).map((doc) => [doc.id, doc]));
    return best.flatMap(({ score, row }) => {
      const doc = docs.get(ids[row]!);
      return doc ? [{ id: doc.id, score, text: doc.text, fields: doc.fields, outcome: doc.outcome }] : [];
    });
  };
}

/**
 * grounded-v1 as it shipped: the old number parser, plain vector search on the raw question, the
 * v1 analyzer; grounded-v2: understandQuestion, the product's retrieval (neutral text, re-ranked
 * by the stated facts), the product's grounded analyzer.
 */
export async function advisorPipelines(k = 5): Promise<{ v1: AdvicePipeline; v2: AdvicePipeline }> {
  // The product's retrieval with the process's configured embedder and the active index (the
  // comparison is between advisors, not releases).
  const engines = { embedder: await resolveEmbedder(), index: await getLiveIndex() };
  return {
    v1: {
      name: "grounded-v1",
      extract: (question) => parseQuestion(question),
      retrieve: await rawTextRetrieval(k),
      analyzer: llm.createGroundedV1Analyzer(),
    },
    v2: {
      name: "grounded-v2",
      extract: (question) => understandQuestion(question).facets,
      retrieve: async (question) => (await retrieveProfiles(question, engines, k)).profiles,
      analyzer: llm.createGroundedAnalyzer(),
    },
  };
}
