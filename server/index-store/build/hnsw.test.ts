import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clusteredVectors } from "@/test/clustered-vectors";
import { tempDir } from "@/test/files";
import { sha256Hex } from "../../hashing";
import { buildHnswIndex, DEFAULT_HNSW_PARAMS } from "./hnsw";
import { exactTopK, heldOutQueries } from "./recall";
import { IndexSearcher } from "../serve/searcher";

const DIMS = 32;
const ROWS = 2000;
const matrix = clusteredVectors(ROWS, DIMS);

describe("buildHnswIndex", () => {
  it("reports the params it used: the defaults, with any given ones in their place", () => {
    const built = buildHnswIndex(matrix.subarray(0, 100 * DIMS), DIMS, { connectivity: 8 });
    expect(built.params).toEqual({ ...DEFAULT_HNSW_PARAMS, connectivity: 8 });
    expect(built.vectors).toBe(100);
    expect(built.dimensions).toBe(DIMS);
    expect(built.bytes.byteLength).toBeGreaterThan(100 * DIMS * 2);
  });

  it("gives the same bytes for the same input on one thread", () => {
    const rows = matrix.subarray(0, 300 * DIMS);
    const once = buildHnswIndex(rows, DIMS, { connectivity: 8 }, 1);
    const twice = buildHnswIndex(rows, DIMS, { connectivity: 8 }, 1);
    expect(sha256Hex(twice.bytes)).toBe(sha256Hex(once.bytes));
  });

  it("refuses a matrix that is not whole vectors, and params that are not positive integers", () => {
    expect(() => buildHnswIndex(new Float32Array(10), 3)).toThrow(/whole number of 3-d vectors/);
    expect(() => buildHnswIndex(new Float32Array(0), 3)).toThrow(/whole number/);
    expect(() => buildHnswIndex(matrix, DIMS, { expansionAdd: 0 })).toThrow(/expansionAdd/);
  });

  it("round trip: the built file, searched through the searcher, agrees with exact search", async () => {
    // One thread: the same graph on every run (several threads insert in a racing order).
    const built = buildHnswIndex(matrix, DIMS, { connectivity: 16, expansionAdd: 64 }, 1);
    const file = path.join(tempDir(), "index");
    fs.writeFileSync(file, built.bytes);
    const searcher = new IndexSearcher({
      kind: "hnsw",
      file,
      sha256: sha256Hex(built.bytes),
      dimensions: DIMS,
      size: ROWS,
      ef: 128,
    });
    try {
      expect(await searcher.ready).toBe(built.bytes.byteLength);
      const queries = heldOutQueries(matrix, DIMS, 50);
      const truth = exactTopK(matrix, DIMS, queries, 5);
      const rowSet = (hits: { row: number }[]) => hits.map((hit) => hit.row).sort((a, b) => a - b);
      let sameTop5 = 0;
      let sameBest = 0;
      for (let q = 0; q < 50; q++) {
        const hits = await searcher.search(queries.subarray(q * DIMS, (q + 1) * DIMS), 5);
        expect(hits).toHaveLength(5);
        // f16 storage: scores agree with the f32 ones to about three decimals. HNSW is approximate:
        // a query may miss its nearest row, which is what the counts below allow for.
        if (Math.abs(hits[0]!.score - truth[q]![0]!.score) < 0.005) sameBest++;
        // Rows as a set: f16 scores may swap two near-tied rows.
        if (rowSet(hits).join() === rowSet(truth[q]!).join()) sameTop5++;
      }
      expect(sameBest).toBeGreaterThanOrEqual(48);
      expect(sameTop5).toBeGreaterThanOrEqual(40);
    } finally {
      await searcher.close();
    }
  });
});
