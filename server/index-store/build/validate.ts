import path from "node:path";
import { recordAudit } from "../../audit";
import type { IndexManifest } from "../tables";
import { env } from "../../env";
import { logger } from "../../logger";
import { indexKey } from "../keys";
import {
  epsilonRecallAtK,
  exactTopK,
  heldOutQueries,
  recallAtKWithTies,
  trueScores,
  tuneEf,
  type EfStep,
} from "./recall";
import { openSearcher } from "../serve/open-searcher";
import { artifactStore } from "../../artifacts";
import { getVerified } from "../../artifacts";
import { getIndexVersion, MIN_RECALL, recordValidation, resolveIndexVersion } from "../versions";

const log = logger.child("index-validate");
const K = 5;
const QUERIES = 200;

export interface ValidationResult {
  version: string;
  kind: "exact" | "hnsw";
  recall: number;
  /** ann-benchmarks' ε-recall@5 (ε = 0.01) at the same ef: reported, not gated on. */
  epsilonRecall: number;
  /** HNSW: the smallest search expansion reaching the bar (the one instances will use). */
  efSearch: number | null;
  steps: EfStep[];
  promotable: boolean;
}

/** The f32 vectors an index was built from, verified: its own file (exact) or its exact twin's (HNSW). */
async function groundTruthVectors(manifest: IndexManifest): Promise<Float32Array> {
  const exact = manifest.kind === "exact" ? manifest : (await getIndexVersion(manifest.exactTwin ?? "")).manifest;
  const bytes = await getVerified(artifactStore(), indexKey(exact.version, "index"), exact.files.index);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * recall@5 of a candidate against exact search on held-out queries (midpoints of document
 * pairs, not documents themselves), searched through the same searcher instances use, so a
 * corrupt file or a broken search path fails here rather than in production. For HNSW, the
 * smallest ef reaching recall ≥ 0.95 is recorded with the result. ε-recall is measured on the
 * same hits, at that ef (or the largest tried when none reached the bar), and stored beside it.
 */
export async function validateIndex(
  versionOrPrefix: string,
  options: { actor: string; onStep?: (step: EfStep) => void | Promise<void> },
): Promise<ValidationResult> {
  const row = await resolveIndexVersion(versionOrPrefix);
  const manifest = row.manifest;
  const matrix = await groundTruthVectors(manifest);
  const queries = heldOutQueries(matrix, manifest.dimensions, QUERIES);
  const truth = exactTopK(matrix, manifest.dimensions, queries, K);
  const file = await artifactStore().localFile(indexKey(manifest.version, "index"), path.join(env.dataDir, "cache"));

  const searchWith = async (ef: number | null) => {
    const searcher = openSearcher(file, manifest, ef ?? undefined);
    try {
      await searcher.ready;
      const found: number[][] = [];
      for (let q = 0; q < QUERIES; q++) {
        const query = queries.subarray(q * manifest.dimensions, (q + 1) * manifest.dimensions);
        found.push((await searcher.search(query, K)).map((hit) => hit.row));
      }
      return found;
    } finally {
      await searcher.close();
    }
  };

  // Hits of each ef measured, so ε-recall is computed on exactly the hits strict recall was.
  const hitsByEf = new Map<number | null, number[][]>();
  const measure = async (ef: number | null) => {
    const found = await searchWith(ef);
    hitsByEf.set(ef, found);
    return recallAtKWithTies(found, truth, K, queries, matrix, manifest.dimensions);
  };

  let steps: EfStep[];
  let recall: number;
  let efSearch: number | null = null;
  if (manifest.kind === "exact") {
    recall = await measure(null);
    steps = [{ ef: null, recall }];
    await options.onStep?.(steps[0]!);
  } else {
    const tuned = await tuneEf(measure, MIN_RECALL, options.onStep);
    steps = tuned.steps;
    recall = tuned.recall;
    efSearch = tuned.ef;
  }
  const finalHits = hitsByEf.get(steps[steps.length - 1]!.ef)!;
  const epsilonRecall = epsilonRecallAtK(
    trueScores(truth, queries, matrix, manifest.dimensions),
    trueScores(finalHits, queries, matrix, manifest.dimensions),
    K,
  );
  await recordValidation(manifest.version, recall, epsilonRecall, efSearch);
  const promotable = recall >= MIN_RECALL;
  await recordAudit({
    actor: options.actor,
    action: "index.validated",
    target: manifest.version,
    details: { recall, epsilonRecall, efSearch, promotable },
  });
  log.info("index validated", {
    version: manifest.version,
    kind: manifest.kind,
    recall,
    epsilonRecall,
    efSearch,
    promotable,
  });
  return { version: manifest.version, kind: manifest.kind, recall, epsilonRecall, efSearch, steps, promotable };
}
