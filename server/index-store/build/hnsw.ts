import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import usearch from "usearch";

/**
 * Approximate (HNSW) indexes with usearch: inner product over L2-normalised vectors, keys are
 * row numbers, so hits map to document ids through the same `ids` file as the exact index.
 */

export interface HnswParams {
  /** Edges per node in the graph (HNSW's M): more edges, better recall per ef, larger file. */
  connectivity: number;
  /** Candidates kept while inserting (efConstruction): better graph, slower build. */
  expansionAdd: number;
  /**
   * Candidates kept while searching (ef). usearch does not store it in the file: keep it with
   * the index (the manifest, or the ef `tuneEf` picked) and give it to the searcher.
   */
  expansionSearch: number;
  /**
   * How vectors are stored. On loan-profile vectors f16 came within 0.004 of f32's recall@5 at
   * each ef, with ~0.75× the latency per ef, 0.57× the file and ~0.6× the build time
   * (docs/benchmarks.md).
   */
  quantization: "f16" | "f32";
}

/** Chosen on loan-profile vectors (docs/benchmarks.md): M=32 reached recall@5 ≥ 0.95 at half the ef M=16 needed. */
export const DEFAULT_HNSW_PARAMS: HnswParams = {
  connectivity: 32,
  expansionAdd: 128,
  expansionSearch: 128,
  quantization: "f16",
};

/** Params as callers may hold them (a manifest read back from JSON, a CLI flag): checked when used. */
export type HnswParamsInput = Partial<Omit<HnswParams, "quantization">> & { quantization?: string };

export interface HnswBuild {
  /** The index file exactly as usearch serializes it; open it with `view`. */
  bytes: Uint8Array;
  params: HnswParams;
  vectors: number;
  dimensions: number;
}

/**
 * Builds an HNSW index over a row-major matrix of normalised vectors and returns its file bytes.
 * Inserts run on `threads` native threads, so the graph (and the bytes) can differ from run to
 * run with more than one thread; with one thread the same input gives the same bytes.
 * Synchronous and CPU-bound: call it from a job, not from a request.
 */
export function buildHnswIndex(
  matrix: Float32Array,
  dimensions: number,
  params: HnswParamsInput = {},
  threads = os.availableParallelism(),
): HnswBuild {
  if (!Number.isInteger(dimensions) || dimensions <= 0) throw new Error(`dimensions must be a positive integer`);
  if (matrix.length === 0 || matrix.length % dimensions !== 0) {
    throw new Error(`matrix of ${matrix.length} floats is not a whole number of ${dimensions}-d vectors`);
  }
  const used = { ...DEFAULT_HNSW_PARAMS, ...params };
  for (const name of ["connectivity", "expansionAdd", "expansionSearch"] as const) {
    if (!Number.isInteger(used[name]) || used[name] <= 0) throw new Error(`${name} must be a positive integer`);
  }
  const { quantization } = used;
  if (quantization !== "f16" && quantization !== "f32")
    throw new Error(`quantization must be f16 or f32, got ${quantization}`);
  const vectors = matrix.length / dimensions;
  const index = new usearch.Index({
    dimensions,
    metric: usearch.MetricKind.IP,
    quantization: quantization === "f16" ? usearch.ScalarKind.F16 : usearch.ScalarKind.F32,
    connectivity: used.connectivity,
    expansion_add: used.expansionAdd,
    expansion_search: used.expansionSearch,
    multi: false,
  });
  index.add(
    BigUint64Array.from({ length: vectors }, (_, row) => BigInt(row)),
    matrix,
    Math.max(1, threads),
  );
  // usearch serializes only to a path; a private temp directory keeps concurrent builds apart.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-hnsw-"));
  try {
    const file = path.join(dir, "index");
    index.save(file);
    return { bytes: readWhole(file), params: { ...used, quantization }, vectors, dimensions };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a file into one Uint8Array, piece by piece: fs.readFileSync stops at 2 GiB. */
function readWhole(file: string): Uint8Array {
  const fd = fs.openSync(file, "r");
  try {
    const bytes = new Uint8Array(fs.fstatSync(fd).size);
    for (let offset = 0; offset < bytes.byteLength;) {
      const read = fs.readSync(fd, bytes, offset, Math.min(1 << 30, bytes.byteLength - offset), offset);
      if (read === 0) throw new Error(`${file} ended early at byte ${offset}`);
      offset += read;
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}
