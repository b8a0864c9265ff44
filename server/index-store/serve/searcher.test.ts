import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { clusteredVectors } from "@/test/clustered-vectors";
import { tempDir } from "@/test/files";
import { sha256Hex } from "../../hashing";
import { buildHnswIndex } from "../build/hnsw";
import { exactTopK, heldOutQueries } from "../build/recall";
import { IndexSearcher, type IndexSearcherOptions } from "./searcher";

const DIMS = 32;
const ROWS = 1000;
const matrix = clusteredVectors(ROWS, DIMS);
const exactBytes = new Uint8Array(matrix.buffer);
let hnswBytes: Uint8Array;
const queries = heldOutQueries(matrix, DIMS, 40);
const query = (q: number) => queries.subarray(q * DIMS, (q + 1) * DIMS);

beforeAll(() => {
  hnswBytes = buildHnswIndex(matrix, DIMS, { connectivity: 16, expansionAdd: 64 }).bytes;
});

function searcherOn(bytes: Uint8Array, options: Partial<IndexSearcherOptions> & Pick<IndexSearcherOptions, "kind">) {
  const file = path.join(tempDir(), "index");
  fs.writeFileSync(file, bytes);
  return {
    file,
    searcher: new IndexSearcher({
      file,
      sha256: sha256Hex(bytes),
      dimensions: DIMS,
      size: ROWS,
      ef: 64,
      ...options,
    } as IndexSearcherOptions),
  };
}

describe("IndexSearcher, exact", () => {
  it("finds what usearch's exact search finds, alone or in a batch", async () => {
    const { searcher } = searcherOn(exactBytes, { kind: "exact", threads: 2 });
    try {
      expect(await searcher.ready).toBe(exactBytes.byteLength);
      const truth = exactTopK(matrix, DIMS, queries, 5);
      expect(await searcher.search(query(0), 5)).toEqual(truth[0]!.map((hit) => expect.objectContaining(hit)));
      // Forty at once: they go to the worker in batches.
      const all = await Promise.all(truth.map((_, q) => searcher.search(query(q), 5)));
      expect(all.map((hits) => hits.map((hit) => hit.row))).toEqual(truth.map((hits) => hits.map((hit) => hit.row)));
    } finally {
      await searcher.close();
    }
  });
});

describe("IndexSearcher, hnsw", () => {
  it("answers the same whether queries come one by one or together", async () => {
    const { searcher } = searcherOn(hnswBytes, { kind: "hnsw", threads: 2 });
    try {
      expect(searcher.ef).toBe(64);
      expect(await searcher.ready).toBe(hnswBytes.byteLength);
      const alone = [];
      for (let q = 0; q < 40; q++) alone.push(await searcher.search(query(q), 5));
      const together = await Promise.all(alone.map((_, q) => searcher.search(query(q), 5)));
      expect(together).toEqual(alone);
      expect(alone.every((hits) => hits.length === 5)).toBe(true);
    } finally {
      await searcher.close();
    }
  });

  it("never returns more rows than the index has", async () => {
    const { searcher } = searcherOn(hnswBytes, { kind: "hnsw" });
    try {
      const hits = await searcher.search(query(0), ROWS + 10);
      expect(hits.length).toBeLessThanOrEqual(ROWS);
      expect(new Set(hits.map((hit) => hit.row)).size).toBe(hits.length);
    } finally {
      await searcher.close();
    }
  });
});

describe("IndexSearcher refuses files it cannot trust", () => {
  it.each([
    ["a flipped byte", (bytes: Uint8Array) => bytes.map((byte, i) => (i === 1000 ? byte ^ 1 : byte))],
    ["a truncated file", (bytes: Uint8Array) => bytes.subarray(0, bytes.byteLength - 4096)],
  ])("hnsw with %s: ready rejects naming the file, searches fail, the worker stops", async (_, damage) => {
    const dir = tempDir();
    const file = path.join(dir, "index");
    fs.writeFileSync(file, damage(hnswBytes));
    const searcher = new IndexSearcher({
      kind: "hnsw",
      file,
      sha256: sha256Hex(hnswBytes),
      dimensions: DIMS,
      size: ROWS,
      ef: 64,
    });
    await expect(searcher.ready).rejects.toThrow(`index file ${file} is corrupt or truncated`);
    await expect(searcher.search(query(0), 5)).rejects.toThrow(/corrupt or truncated/);
    await expect.poll(() => searcher.running).toBe(false);
    await searcher.close();
  });

  it("a missing file", async () => {
    const file = path.join(tempDir(), "absent");
    const searcher = new IndexSearcher({
      kind: "hnsw",
      file,
      sha256: "0".repeat(64),
      dimensions: DIMS,
      size: 1,
      ef: 8,
    });
    await expect(searcher.ready).rejects.toThrow(`index file ${file} cannot be read`);
    await searcher.close();
  });

  it("an intact HNSW file that does not hold what the manifest says", async () => {
    const { file, searcher } = searcherOn(hnswBytes, { kind: "hnsw", size: ROWS + 1 });
    await expect(searcher.ready).rejects.toThrow(
      `index file ${file} holds ${ROWS} vectors × ${DIMS}, expected ${ROWS + 1} × ${DIMS}`,
    );
    await searcher.close();
  });

  it("an exact file of the wrong size", async () => {
    const { file, searcher } = searcherOn(exactBytes.subarray(0, exactBytes.byteLength - DIMS * 4), { kind: "exact" });
    await expect(searcher.ready).rejects.toThrow(`index file ${file}`);
    await searcher.close();
  });
});

describe("IndexSearcher.close", () => {
  it.each(["exact", "hnsw"] as const)(
    "%s: answers the searches it accepted, then stops the worker and refuses more",
    async (kind) => {
      const { searcher } = searcherOn(kind === "exact" ? exactBytes : hnswBytes, { kind });
      await searcher.ready;
      const accepted = Array.from({ length: 10 }, (_, q) => searcher.search(query(q), 5));
      const closing = searcher.close();
      const answers = await Promise.all(accepted);
      expect(answers.every((hits) => hits.length === 5)).toBe(true);
      await closing;
      expect(searcher.running).toBe(false);
      await expect(searcher.search(query(0), 5)).rejects.toThrow("index searcher is closed");
    },
  );
});

describe("IndexSearcher, hnsw verified chunk by chunk", () => {
  /** sha256 per chunk, as build.ts records them (small chunks here, so there are many to share). */
  const chunksOf = (bytes: Uint8Array, size = 4096) => ({
    bytes: size,
    sha256: Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) =>
      sha256Hex(bytes.subarray(i * size, (i + 1) * size)),
    ),
  });

  it.each([1, 2])("serves a file whose every chunk matches, on %i thread(s)", async (threads) => {
    // The whole-file sha256 is wrong on purpose: with a chunk list, only the chunks are checked.
    const { searcher } = searcherOn(hnswBytes, { kind: "hnsw", threads, chunks: chunksOf(hnswBytes), sha256: "0" });
    try {
      expect(await searcher.ready).toBe(hnswBytes.byteLength);
      expect(await searcher.search(query(0), 5)).toHaveLength(5);
    } finally {
      await searcher.close();
    }
  });

  it.each([0, 3, "last"] as const)("refuses a file with one flipped byte in chunk %s, naming it", async (which) => {
    const chunks = chunksOf(hnswBytes);
    const chunk = which === "last" ? chunks.sha256.length - 1 : which;
    const corrupt = hnswBytes.slice();
    corrupt[chunk * 4096 + 1]! ^= 0x01;
    const { searcher, file } = searcherOn(corrupt, { kind: "hnsw", threads: 2, chunks });
    await expect(searcher.ready).rejects.toThrow(`index file ${file} is corrupt: chunk ${chunk} has sha256`);
  });

  it("refuses a truncated or padded file before hashing it", async () => {
    const chunks = chunksOf(hnswBytes);
    const short = searcherOn(hnswBytes.subarray(0, hnswBytes.byteLength - 5000), { kind: "hnsw", threads: 2, chunks });
    await expect(short.searcher.ready).rejects.toThrow(`index file ${short.file} is truncated or padded`);
    const long = new Uint8Array(hnswBytes.byteLength + 5000);
    long.set(hnswBytes);
    const padded = searcherOn(long, { kind: "hnsw", threads: 2, chunks });
    await expect(padded.searcher.ready).rejects.toThrow(`index file ${padded.file} is truncated or padded`);
  });

  it("refuses a file cut short inside its last chunk by its hash", async () => {
    const chunks = chunksOf(hnswBytes);
    const { searcher, file } = searcherOn(hnswBytes.subarray(0, hnswBytes.byteLength - 1), {
      kind: "hnsw",
      threads: 2,
      chunks,
    });
    await expect(searcher.ready).rejects.toThrow(
      `index file ${file} is corrupt: chunk ${chunks.sha256.length - 1} has sha256`,
    );
  });
});
