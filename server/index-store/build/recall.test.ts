import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clusteredVectors } from "@/test/clustered-vectors";
import { tempDir } from "@/test/files";
import { sha256Hex } from "../../hashing";
import { buildHnswIndex } from "./hnsw";
import { EF_LADDER, exactTopK, heldOutQueries, recallAtKWithTies, tuneEf, type EfStep } from "./recall";
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
