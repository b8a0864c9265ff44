import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clusteredVectors } from "@/test/clustered-vectors";
import { tempDir } from "@/test/files";
import { sha256Hex } from "../../hashing";
import { buildHnswIndex } from "./hnsw";
import {
  EF_LADDER,
  epsilonRecallAtK,
  exactTopK,
  heldOutQueries,
  recallAtKWithTies,
  trueScores,
  tuneEf,
  type EfStep,
} from "./recall";
import { IndexSearcher } from "../serve/searcher";

const DIMS = 32;
const ROWS = 2000;
const matrix = clusteredVectors(ROWS, DIMS);
const rowsOf = (hits: { row: number }[][]) => hits.map((list) => list.map((hit) => hit.row));

describe("heldOutQueries", () => {
  it("gives the same unit-length queries for the same seed, other ones for another seed", () => {
    const queries = heldOutQueries(matrix, DIMS, 20, 3);
    expect(heldOutQueries(matrix, DIMS, 20, 3)).toEqual(queries);
    expect(heldOutQueries(matrix, DIMS, 20, 4)).not.toEqual(queries);
    for (let q = 0; q < 20; q++) {
      const norm = Math.hypot(...queries.subarray(q * DIMS, (q + 1) * DIMS));
      expect(norm).toBeCloseTo(1, 5);
    }
  });

  it("never is a row of the index: no query scores 1 against its nearest row", () => {
    const truth = exactTopK(matrix, DIMS, heldOutQueries(matrix, DIMS, 50), 1);
    for (const [best] of truth) expect(best!.score).toBeLessThan(0.999);
  });
});

describe("exactTopK and recallAtKWithTies", () => {
  const queries = heldOutQueries(matrix, DIMS, 30);
  const truth = exactTopK(matrix, DIMS, queries, 5);

  it("finds k rows per query, best first", () => {
    expect(truth).toHaveLength(30);
    for (const hits of truth) {
      expect(hits).toHaveLength(5);
      expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    }
  });

  it("answers one query as well as many", () => {
    expect(exactTopK(matrix, DIMS, queries.subarray(0, DIMS), 5)).toEqual([truth[0]]);
  });

  it("searches subarrays as the rows they are (usearch itself ignores byteOffset)", () => {
    expect(exactTopK(matrix, DIMS, queries.subarray(3 * DIMS, 5 * DIMS), 5)).toEqual(truth.slice(3, 5));
    const tail = exactTopK(matrix.subarray(100 * DIMS), DIMS, queries, 5);
    const full = exactTopK(matrix, DIMS, queries, ROWS);
    const bestBeyond100 = full.map((hits) => hits.filter((hit) => hit.row >= 100).slice(0, 5));
    // As sets: equal scores may come back in either order from two different sorts.
    const sorted = (lists: number[][]) => lists.map((rows) => [...rows].sort((a, b) => a - b));
    expect(sorted(rowsOf(tail).map((rows) => rows.map((row) => row + 100)))).toEqual(sorted(rowsOf(bestBeyond100)));
  });

  const recall = (candidates: (number[] | { row: number }[])[], k = 5) =>
    recallAtKWithTies(candidates, truth, k, queries, matrix, DIMS);

  it("rates exact search against itself at 1, as rows or as hits", () => {
    expect(recall(truth)).toBe(1);
    expect(recall(rowsOf(truth))).toBe(1);
  });

  it("counts the share of true rows found, ignoring order and rows past k", () => {
    // Each query's worst row instead of its best: one of five missed.
    const worst = exactTopK(matrix, DIMS, queries, ROWS).map((hits) => hits[hits.length - 1]!.row);
    const oneMissed = rowsOf(truth).map((rows, q) => [worst[q]!, ...rows.slice(1)]);
    expect(recall(oneMissed)).toBeCloseTo(4 / 5, 10);
    // Reversed, and with the missed best row only at position 6 (past k): still 4 of 5.
    expect(recall(oneMissed.map((rows, q) => [...rows].reverse().concat(truth[q]![0]!.row)))).toBeCloseTo(4 / 5, 10);
    expect(
      recall(
        rowsOf(truth).map((rows) => rows.slice(0, 1)),
        1,
      ),
    ).toBe(1);
  });

  it("refuses lists that do not pair up", () => {
    expect(() => recall([[1]])).toThrow(/one candidate list per query/);
  });
});

describe("tuneEf", () => {
  it("stops at the first ef of the ladder that reaches the target, reporting each step", async () => {
    const recallByEf: Record<number, number> = { 16: 0.8, 32: 0.94, 64: 0.96, 128: 0.99 };
    const seen: EfStep[] = [];
    const tuned = await tuneEf(
      (ef) => recallByEf[ef]!,
      0.95,
      (step) => void seen.push(step),
      [128, 16, 64, 32],
    );
    expect(tuned).toEqual({
      ef: 64,
      recall: 0.96,
      steps: [
        { ef: 16, recall: 0.8 },
        { ef: 32, recall: 0.94 },
        { ef: 64, recall: 0.96 },
      ],
    });
    expect(seen).toEqual(tuned.steps);
  });

  it("returns no ef, and the best recall measured, when none reaches the target", async () => {
    const tuned = await tuneEf(async (ef) => ef / 1000, 0.95, undefined, [16, 32]);
    expect(tuned).toEqual({ ef: null, recall: 0.032, steps: expect.any(Array) });
  });

  it("reaches 0.95 on a real HNSW index of clustered vectors, at the smallest such ef", async () => {
    const built = buildHnswIndex(matrix, DIMS, { connectivity: 16, expansionAdd: 64 });
    const file = path.join(tempDir(), "index");
    fs.writeFileSync(file, built.bytes);
    const queries = heldOutQueries(matrix, DIMS, 200);
    const truth = exactTopK(matrix, DIMS, queries, 5);

    const tuned = await tuneEf(async (ef) => {
      const searcher = new IndexSearcher({
        kind: "hnsw",
        file,
        sha256: sha256Hex(built.bytes),
        dimensions: DIMS,
        size: ROWS,
        ef,
      });
      try {
        await searcher.ready;
        const found = [];
        for (let q = 0; q < 200; q++) found.push(await searcher.search(queries.subarray(q * DIMS, (q + 1) * DIMS), 5));
        return recallAtKWithTies(found, truth, 5, queries, matrix, DIMS);
      } finally {
        await searcher.close();
      }
    });

    expect(tuned.ef).not.toBeNull();
    expect(tuned.recall).toBeGreaterThanOrEqual(0.95);
    // Every smaller ef of the ladder was measured and fell short.
    expect(tuned.steps.map((step) => step.ef)).toEqual(EF_LADDER.slice(0, tuned.steps.length));
    for (const step of tuned.steps.slice(0, -1)) expect(step.recall).toBeLessThan(0.95);
  });
});

describe("recallAtKWithTies", () => {
  it("counts a row tied with the k-th true hit as found, and a lower-scoring row as missed", () => {
    // Rows 0–3 are the same vector: any two of them are a correct top-2 for a query near them.
    const dims = 2;
    const tied = new Float32Array([1, 0, 1, 0, 1, 0, 1, 0, 0.6, 0.8]);
    const query = new Float32Array([1, 0]);
    const truth = exactTopK(tied, dims, query, 2);
    expect(recallAtKWithTies([[3, 2]], truth, 2, query, tied, dims)).toBe(1);
    expect(recallAtKWithTies([[3, 4]], truth, 2, query, tied, dims)).toBe(0.5);
  });
});

describe("epsilonRecallAtK", () => {
  it("counts a returned score when its distance 1 − score is within (1 + ε) of the k-th exact distance", () => {
    // k = 2, k-th exact score 0.8 → distance 0.2; ε = 0.01 → bound 0.202, i.e. score ≥ 0.798.
    // Returned 0.9 (distance 0.1) counts, 0.799 (0.201) counts, 0.797 (0.203) does not.
    expect(epsilonRecallAtK([[0.9, 0.8]], [[0.9, 0.799]], 2)).toBe(1);
    expect(epsilonRecallAtK([[0.9, 0.8]], [[0.9, 0.797]], 2)).toBe(0.5);
    // ε = 0.1 → bound 0.22, score ≥ 0.78: 0.797 counts, 0.77 does not.
    expect(epsilonRecallAtK([[0.9, 0.8]], [[0.797, 0.77]], 2, 0.1)).toBe(0.5);
  });

  it("is relative to the distance: near the query the tolerance is small, far from it large", () => {
    // k-th score 0.99 (distance 0.01): bound 0.0101, score ≥ 0.9899; 0.9895 misses.
    expect(epsilonRecallAtK([[0.99]], [[0.9895]], 1)).toBe(0);
    // k-th score 0.5 (distance 0.5): bound 0.505, score ≥ 0.495; 0.496 counts.
    expect(epsilonRecallAtK([[0.5]], [[0.496]], 1)).toBe(1);
  });

  it("looks only at the first k returned, divides by k and averages over queries", () => {
    // Query 1: k-th 0.7 → score ≥ 0.697; returned [0.9, 0.6, 0.95 (past k)] → 1 of 2.
    // Query 2: k-th 0.5 → score ≥ 0.495; returned [0.6, 0.55] → 2 of 2. Mean (0.5 + 1) / 2 = 0.75.
    expect(
      epsilonRecallAtK(
        [
          [0.9, 0.7],
          [0.6, 0.5],
        ],
        [
          [0.9, 0.6, 0.95],
          [0.6, 0.55],
        ],
        2,
      ),
    ).toBe(0.75);
    // Fewer than k returned: the missing ones are misses. k-th 0.5, one returned at 0.6 → 1 of 2.
    expect(epsilonRecallAtK([[0.6, 0.5]], [[0.6]], 2)).toBe(0.5);
  });

  it("rates exact search at 1 and is never below strict recall on a real corpus", () => {
    const queries = heldOutQueries(matrix, DIMS, 30);
    const truth = exactTopK(matrix, DIMS, queries, 5);
    const exact = trueScores(truth, queries, matrix, DIMS);
    expect(epsilonRecallAtK(exact, exact, 5)).toBe(1);
    // Second-best five instead of the best five: strict recall 0; ε-recall counts those within 1 %.
    const next = exactTopK(matrix, DIMS, queries, 10).map((hits) => hits.slice(5));
    const strict = recallAtKWithTies(next, truth, 5, queries, matrix, DIMS);
    const loose = epsilonRecallAtK(exact, trueScores(next, queries, matrix, DIMS), 5);
    expect(loose).toBeGreaterThanOrEqual(strict);
    expect(loose).toBeLessThanOrEqual(1);
  });

  it("refuses lists that do not pair up", () => {
    expect(() => epsilonRecallAtK([[1]], [], 1)).toThrow(/one returned list per query/);
  });
});

describe("trueScores", () => {
  it("recomputes each returned row's inner product with its query, in the order returned", () => {
    const dims = 2;
    const rows = new Float32Array([1, 0, 0.6, 0.8, 0, 1]);
    const queries = new Float32Array([1, 0, 0, 1]);
    // Query (1,0): row 2 → 0, row 1 → 0.6. Query (0,1): row 1 → 0.8.
    const scores = trueScores([[2, { row: 1 }], [1]], queries, rows, dims);
    expect(scores[0]![0]).toBe(0);
    expect(scores[0]![1]).toBeCloseTo(0.6, 6);
    expect(scores[1]![0]).toBeCloseTo(0.8, 6);
  });
});
