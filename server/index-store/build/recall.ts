import usearch from "usearch";
import { seededRandom } from "../../seeded-random";
import type { SearchHit } from "../serve/searcher";

/**
 * How well an approximate index finds what exact search finds: held-out queries, exact ground
 * truth, recall@k, and the smallest HNSW search expansion (ef) that reaches a recall bar.
 * No I/O and no clocks: the same inputs give the same answers.
 */

/** Hits of one query, best first: rows, or anything with a row (a SearchHit). */
export type RankedRows = readonly (number | Pick<SearchHit, "row">)[];

export interface EfStep {
  /** The ef measured; null for an exact index, which has none. */
  ef: number | null;
  recall: number;
}

export interface EfTuning {
  /** The smallest ef of the ladder reaching the target, or null if none did. */
  ef: number | null;
  /** Recall at that ef, or at the largest ef measured when none reached the target. */
  recall: number;
  /** Every ef measured, in order: the ladder up to and including the chosen one. */
  steps: EfStep[];
}

/**
 * Steps of ×1.5 rather than ×2: latency grows about linearly with ef, and on loan profiles at
 * 100K the bar fell between 128 (0.948) and 256, where doubling would have cost twice the latency.
 */
export const EF_LADDER: readonly number[] = [16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024];
export const RECALL_TARGET = 0.95;

/**
 * `count` queries that are not rows of the index but sit among them: the normalised midpoint of
 * two seeded-random distinct rows. A row itself would be its own first hit, which makes recall
 * look better than borrowers' queries will see it.
 */
export function heldOutQueries(matrix: Float32Array, dimensions: number, count: number, seed = 1): Float32Array {
  const rows = matrix.length / dimensions;
  if (!Number.isInteger(rows) || rows < 2) throw new Error("held-out queries need a matrix of at least 2 rows");
  const random = seededRandom(seed);
  const queries = new Float32Array(count * dimensions);
  for (let q = 0; q < count;) {
    const a = Math.floor(random() * rows);
    const b = Math.floor(random() * rows);
    if (a === b) continue;
    const query = queries.subarray(q * dimensions, (q + 1) * dimensions);
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      query[d] = matrix[a * dimensions + d]! + matrix[b * dimensions + d]!;
      norm += query[d]! * query[d]!;
    }
    // Opposite vectors have no midpoint direction; draw another pair.
    if (norm < 1e-12) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dimensions; d++) query[d]! *= scale;
    q++;
  }
  return queries;
}

/**
 * usearch's exact search holds 16 bytes per (row, query) pair while it runs: 200 queries over
 * 500K rows would want 1.6 GB at once. Queries go in groups that keep it near this many bytes.
 */
const EXACT_SCRATCH_BYTES = 64 << 20;

/** Exact top-k by inner product for each query (row-major `queries`), best first. */
export function exactTopK(
  matrix: Float32Array,
  dimensions: number,
  queries: Float32Array,
  k: number,
  threads = 1,
): SearchHit[][] {
  const rows = matrix.length / dimensions;
  const count = queries.length / dimensions;
  const wanted = Math.min(k, rows);
  const dataset = startingAtZero(matrix);
  const group = Math.max(1, Math.floor(EXACT_SCRATCH_BYTES / (rows * 16)));
  const hits: SearchHit[][] = [];
  for (let first = 0; first < count; first += group) {
    const last = Math.min(count, first + group);
    const some = startingAtZero(queries.subarray(first * dimensions, last * dimensions));
    const result = usearch.exactSearch(dataset, some, dimensions, wanted, usearch.MetricKind.IP, threads);
    for (let q = 0; q < last - first; q++) {
      const matches = result instanceof usearch.BatchMatches ? result.get(q) : result;
      const found: SearchHit[] = [];
      matches.keys.forEach((key, i) => {
        const row = Number(key);
        // Slots usearch could not fill hold an out-of-range key.
        if (row < rows) found.push({ row, score: 1 - matches.distances[i]! });
      });
      hits.push(found);
    }
  }
  return hits;
}

/**
 * recall@k: the share of the true top-k that the candidates found (order and rows past k do not
 * matter), fair to ties: when several rows share the k-th best score, exact search keeps an
 * arbitrary few of them, and an index keeping others is just as right. A candidate counts when
 * its true score (recomputed in f32 from `matrix`, so f16 storage cannot flatter it) reaches the
 * k-th true score. Profiles with identical text embed identically, so the corpus has many ties.
 */
export function recallAtKWithTies(
  candidates: readonly RankedRows[],
  truth: readonly SearchHit[][],
  k: number,
  queries: Float32Array,
  matrix: Float32Array,
  dimensions: number,
): number {
  if (candidates.length !== truth.length) {
    throw new Error(
      `recall needs one candidate list per query: ${candidates.length} lists for ${truth.length} queries`,
    );
  }
  let found = 0;
  let wanted = 0;
  truth.forEach((trueHits, q) => {
    const top = trueHits.slice(0, k);
    if (top.length === 0) return;
    const kth = top[top.length - 1]!.score;
    const rows = new Set(candidates[q]!.slice(0, k).map(rowOf));
    for (const row of rows) {
      let score = 0;
      for (let d = 0; d < dimensions; d++) score += queries[q * dimensions + d]! * matrix[row * dimensions + d]!;
      if (score >= kth - TIE_TOLERANCE) found++;
    }
    wanted += top.length;
  });
  if (wanted === 0) throw new Error("recall needs at least one true hit");
  return Math.min(1, found / wanted);
}

/**
 * ann-benchmarks' "Epsilon 0.01 Recall" (erikbern/ann-benchmarks, ann_benchmarks/plotting/metrics.py:
 * `epsilon` → `get_recall_values` with `epsilon_threshold`): per query, the first k returned
 * neighbours count when their distance is at most (1 + ε) × the k-th exact distance; the count is
 * divided by k and averaged over queries. The tolerance is relative to the distance, not added to
 * it (their strict `knn` adds a tiny constant instead). Inner-product scores are turned into the
 * distance usearch and ann-benchmarks' angular metric use for unit vectors, 1 − score, so a
 * neighbour counts when 1 − score ≤ (1 + ε)(1 − kth), i.e. score ≥ kth − ε(1 − kth).
 *
 * Scores are the true (f32) scores of what was returned, best first as the index ranked them
 * (see `trueScores`): ann-benchmarks likewise recomputes distances from the original vectors.
 * Unlike recall@k it asks "were the answers about as close as the best ones?" rather than "were
 * they the best ones?", so it reads higher where many rows sit near the k-th score.
 */
export function epsilonRecallAtK(
  exactScores: readonly (readonly number[])[],
  returnedScores: readonly (readonly number[])[],
  k: number,
  epsilon = 0.01,
): number {
  if (exactScores.length !== returnedScores.length) {
    throw new Error(
      `ε-recall needs one returned list per query: ${returnedScores.length} lists for ${exactScores.length} queries`,
    );
  }
  let sum = 0;
  let counted = 0;
  exactScores.forEach((exact, q) => {
    const top = exact.slice(0, k);
    if (top.length === 0) return;
    const threshold = (1 + epsilon) * (1 - top[top.length - 1]!) + TIE_TOLERANCE;
    const within = returnedScores[q]!.slice(0, top.length).filter((score) => 1 - score <= threshold).length;
    sum += within / top.length;
    counted++;
  });
  if (counted === 0) throw new Error("ε-recall needs at least one true hit");
  return sum / counted;
}

/** The f32 inner product of each returned row with its query (row-major `queries`), in the order returned. */
export function trueScores(
  candidates: readonly RankedRows[],
  queries: Float32Array,
  matrix: Float32Array,
  dimensions: number,
): number[][] {
  return candidates.map((rows, q) =>
    rows.map((hit) => {
      const row = rowOf(hit);
      let score = 0;
      for (let d = 0; d < dimensions; d++) score += queries[q * dimensions + d]! * matrix[row * dimensions + d]!;
      return score;
    }),
  );
}

/** f32 inner products summed in another order differ in the last bits; this is far below a real gap. */
const TIE_TOLERANCE = 1e-5;

/**
 * Walks the ladder from the smallest ef up, measuring recall at each, and stops at the first
 * that reaches `target`: larger ef only costs latency. `measure(ef)` returns the recall of the
 * index searched with that ef (e.g. `recallAtKWithTies` of its hits against `exactTopK`).
 */
export async function tuneEf(
  measure: (ef: number) => number | Promise<number>,
  target = RECALL_TARGET,
  onStep?: (step: EfStep) => void | Promise<void>,
  ladder: readonly number[] = EF_LADDER,
): Promise<EfTuning> {
  if (ladder.length === 0) throw new Error("tuneEf needs at least one ef to try");
  const steps: EfStep[] = [];
  for (const ef of [...ladder].sort((a, b) => a - b)) {
    const step = { ef, recall: await measure(ef) };
    steps.push(step);
    await onStep?.(step);
    if (step.recall >= target) return { ef, recall: step.recall, steps };
  }
  return { ef: null, recall: steps[steps.length - 1]!.recall, steps };
}

/**
 * usearch 2.25.3's exactSearch reads each array from the start of its ArrayBuffer, ignoring
 * byteOffset: a subarray would silently be searched as other rows. Copy those that do not start at 0.
 */
function startingAtZero(array: Float32Array): Float32Array {
  return array.byteOffset === 0 ? array : array.slice();
}

function rowOf(hit: number | Pick<SearchHit, "row">): number {
  return typeof hit === "number" ? hit : hit.row;
}
