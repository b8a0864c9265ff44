import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { AppError } from "../errors";
import type { Embedder } from "../embedding";
import { documentsByIds } from "../ingest";
import type { LiveIndex, SearchHit } from "../index-store";
import { observeSearch } from "../metrics";
import { understandQuestion, type QuestionFacets } from "../question";
import { ATTR, withSpan } from "../tracing";
import { balancedByOption } from "./balance";
import { facetDistance } from "./facet-distance";
import type { RetrievedProfile } from "./retrieved";

/** What retrieval searches with: the request's embedder and its leased index, never the process's own. */
export interface RetrievalEngines {
  embedder: Embedder;
  /** Held by the caller for as long as the retrieval runs (a concurrent swap cannot close it). */
  index: LiveIndex;
}

export interface Retrieval {
  profiles: RetrievedProfile[];
  embedderVersion: string;
  indexVersion: string;
  embedMs: number;
  searchMs: number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Candidates taken by vector similarity before the facts the borrower stated re-rank them. */
export const CANDIDATES = 100;
/**
 * How much a whole facet distance (facet-distance.ts: income a doubling away, another term,
 * other housing) weighs against vector similarity. Similarities between a question and its
 * nearest profiles spread over ~0.3 here, so 0.5 lets stated facts decide among the candidates
 * while the text still breaks ties.
 */
const FACET_WEIGHT = 0.5;

/**
 * Hybrid retrieval: embeds the question (as neutral text: no place, nothing protected), takes the
 * CANDIDATES most similar loan profiles from the live index, and returns the k closest when
 * similarity is combined with closeness on the facts the question states (income, amount, term,
 * utilization, housing, time at the job). The caller holds the index until this returns (the
 * documents are read after the search). Each profile keeps its vector similarity as score.
 */
export async function retrieveProfiles(
  query: string,
  { embedder, index }: RetrievalEngines,
  k = 5,
): Promise<Retrieval> {
  if (index.manifest.embedderVersion !== embedder.version) {
    throw new AppError(
      "unavailable",
      `the index ${index.manifest.version.slice(0, 12)} was built with embedder ${index.manifest.embedderVersion}, ` +
        `but queries are embedded with ${embedder.version}: rebuild the index with the release's embedder, or pair it in a release with the embedder that built it`,
    );
  }
  let started = performance.now();
  const [vector] = await withSpan("rag.embed", { record: { embedder: embedder.version } }, () =>
    embedder.embed([query]),
  );
  const embedMs = round(performance.now() - started);
  const candidates = Math.max(k, CANDIDATES);
  started = performance.now();
  const hits = await withSpan(
    "index.search",
    {
      attributes: { [ATTR.indexVersion]: index.manifest.version },
      record: { index: index.manifest.version.slice(0, 12), candidates },
    },
    () => index.searcher.search(vector!, candidates),
  );
  const searchMs = round(performance.now() - started);
  observeSearch(searchMs / 1000);
  const facets = rankingFacets(query);
  const profiles = await withSpan("rag.documents", { record: { hits: hits.length } }, () => profilesFor(index, hits));
  const ranked = profiles
    .map((profile) => ({ profile, rank: profile.score - FACET_WEIGHT * facetDistance(facets, profile) }))
    .sort((a, b) => b.rank - a.rank);
  return {
    profiles: balancedByOption(
      ranked.map(({ profile }) => profile),
      facets,
      k,
    ),
    embedderVersion: embedder.version,
    indexVersion: index.manifest.version,
    embedMs,
    searchMs,
  };
}

/**
 * The stated facts that make a loan like the borrower's. A "how much" question asks for the
 * amount: loans of other amounts are what it needs to see, so an amount it mentions does not rank.
 */
function rankingFacets(query: string): QuestionFacets {
  const { facets, kind } = understandQuestion(query);
  if (kind !== "how_much") return facets;
  const { amount: _amount, amountsCompared: _amounts, ...rest } = facets;
  return rest;
}

/** The loan profiles behind search hits, in hit order (a document deleted since the build is left out). */
export async function profilesFor(index: LiveIndex, hits: SearchHit[]): Promise<RetrievedProfile[]> {
  const ids = hits.map((hit) => index.documentIds[hit.row]!);
  const byId = new Map((await documentsByIds(ids)).map((doc) => [doc.id, doc]));
  return hits.flatMap((hit, i) => {
    const doc = byId.get(ids[i]!);
    return doc ? [{ id: doc.id, score: hit.score, text: doc.text, fields: doc.fields, outcome: doc.outcome }] : [];
  });
}

/** The same retrieval as a LangChain tool, for agents that choose their own tools (with the engines they were given). */
export function retrieveLoanDataTool(engines: RetrievalEngines) {
  return tool(
    async ({ query, k }) => {
      const { profiles, indexVersion } = await retrieveProfiles(query, engines, k);
      return JSON.stringify({
        indexVersion,
        profiles: profiles.map(({ id, score, text, outcome }) => ({ id, score, text, outcome })),
      });
    },
    {
      name: "retrieve_loan_data",
      description:
        "Find the loan profiles most similar to a description of a borrower or loan, with similarity scores and outcomes.",
      schema: z.object({
        query: z.string().min(1).describe("description of the borrower or loan"),
        k: z.number().int().min(1).max(20).default(5).describe("how many profiles to return"),
      }),
    },
  );
}
