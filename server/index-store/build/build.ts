import { createHash } from "node:crypto";
import { isNull } from "drizzle-orm";
import { getDb } from "../../db";
import { indexVersions, type IndexManifest } from "../tables";
import { sha256Hex } from "../../hashing";
import { logger } from "../../logger";
import { readEmbeddings } from "../../embedding/pipeline";
import type { HnswParamsInput } from "./hnsw";
import { buildHnswIndexInThread } from "./hnsw-in-thread";
import { indexKey } from "../keys";
import type { ChunkHashes } from "../serve/searcher";
import type { ArtifactStore } from "../../artifacts";

const log = logger.child("index-build");

export type IndexKind = "exact" | "hnsw";

interface Vectors {
  matrix: Float32Array;
  ids: BigUint64Array;
  dimensions: number;
}

/** Concatenates an embedder version's batches (each verified) into one matrix and its row → document ids. */
async function loadEmbeddings(store: ArtifactStore, embedderVersion: string): Promise<Vectors> {
  const batches: { vectors: Float32Array; ids: number[] }[] = [];
  let dimensions = 0;
  for await (const { meta, vectors } of readEmbeddings(store, embedderVersion)) {
    batches.push({ vectors, ids: meta.ids });
    dimensions = meta.dimensions;
  }
  if (batches.length === 0) throw new Error(`no embeddings for ${embedderVersion}: run the embed job first`);
  const rows = batches.reduce((sum, b) => sum + b.ids.length, 0);
  const matrix = new Float32Array(rows * dimensions);
  const ids = new BigUint64Array(rows);
  let row = 0;
  for (const batch of batches) {
    matrix.set(batch.vectors, row * dimensions);
    batch.ids.forEach((id, i) => (ids[row + i] = BigInt(id)));
    row += batch.ids.length;
  }
  return { matrix, ids, dimensions };
}

/** Chunks this size keep both cores busy verifying a 100K+ vector HNSW file (~10 ms of hashing each). */
const CHUNK_BYTES = 16 << 20;

function chunkHashes(bytes: Uint8Array): ChunkHashes {
  const sha256: string[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) {
    sha256.push(sha256Hex(bytes.subarray(offset, offset + CHUNK_BYTES)));
  }
  return { bytes: CHUNK_BYTES, sha256 };
}

/**
 * Stores an index version: its files, then manifest.json (the commit point), then its row. The
 * version is the sha256 of the index and ids bytes, so the same vectors give the same version.
 */
async function storeVersion(
  store: ArtifactStore,
  files: { index: Uint8Array; ids: Uint8Array },
  fields: Omit<IndexManifest, "version" | "files" | "sizes" | "chunks" | "createdAt">,
  actor: string,
): Promise<IndexManifest> {
  const version = createHash("sha256").update(files.index).update(files.ids).digest("hex");
  const manifestKey = indexKey(version, "manifest.json");
  let manifestJson: string;
  if (await store.exists(manifestKey)) {
    // Built before from the same bytes: keep the original manifest (and its build facts).
    manifestJson = (await store.get(manifestKey)).toString("utf8");
  } else {
    const manifest: IndexManifest = {
      version,
      ...fields,
      files: { index: sha256Hex(files.index), ids: sha256Hex(files.ids) },
      sizes: { index: files.index.byteLength, ids: files.ids.byteLength },
      // An exact matrix is hashed as it is read into memory; only a mapped HNSW file uses chunks.
      ...(fields.kind === "hnsw" ? { chunks: { index: chunkHashes(files.index) } } : {}),
      createdAt: new Date().toISOString(),
    };
    manifestJson = JSON.stringify(manifest, null, 2);
    await store.put(indexKey(version, "index"), files.index);
    await store.put(indexKey(version, "ids"), files.ids);
    await store.put(manifestKey, manifestJson);
  }
  const manifest = JSON.parse(manifestJson) as IndexManifest;
  const manifestSha256 = sha256Hex(Buffer.from(manifestJson));
  await getDb()
    .insert(indexVersions)
    .values({
      version,
      kind: manifest.kind,
      embedderVersion: manifest.embedderVersion,
      dimensions: manifest.dimensions,
      vectors: manifest.vectors,
      uri: store.uriOf(`indexes/${version}`),
      manifest,
      manifestSha256,
      createdBy: actor,
    })
    // A row from before manifests were hashed (an older data dir) gets this store's copy.
    .onConflictDoUpdate({
      target: indexVersions.version,
      set: { uri: store.uriOf(`indexes/${version}`), manifestSha256 },
      setWhere: isNull(indexVersions.manifestSha256),
    });
  return manifest;
}

/**
 * Builds a candidate index from the stored embeddings of `embedderVersion`: exact (the f32
 * matrix searched by brute force) or HNSW. An HNSW build also stores the exact index over the
 * same vectors (its "twin"), which validation uses as ground truth.
 */
export async function buildIndex(options: {
  store: ArtifactStore;
  embedderVersion: string;
  kind: IndexKind;
  actor: string;
  hnsw?: HnswParamsInput;
}): Promise<IndexManifest> {
  const started = performance.now();
  const { store, embedderVersion, kind, actor } = options;
  const { matrix, ids, dimensions } = await loadEmbeddings(store, embedderVersion);
  const idBytes = new Uint8Array(ids.buffer);
  const matrixBytes = new Uint8Array(matrix.buffer);
  const vectors = ids.length;
  const exact = await storeVersion(
    store,
    { index: matrixBytes, ids: idBytes },
    {
      kind: "exact",
      embedderVersion,
      dimensions,
      vectors,
      buildMs: Math.round(performance.now() - started),
      memoryBytes: matrixBytes.byteLength + vectors * 8,
    },
    actor,
  );
  if (kind === "exact") {
    log.info("index built", { version: exact.version, kind, vectors, embedder: embedderVersion, ms: exact.buildMs });
    return exact;
  }
  const hnsw = await buildHnswIndexInThread(matrix, dimensions, options.hnsw);
  const manifest = await storeVersion(
    store,
    { index: hnsw.bytes, ids: idBytes },
    {
      kind: "hnsw",
      embedderVersion,
      dimensions,
      vectors,
      hnsw: hnsw.params,
      exactTwin: exact.version,
      buildMs: Math.round(performance.now() - started),
      memoryBytes: hnsw.bytes.byteLength + vectors * 8,
    },
    actor,
  );
  log.info("index built", {
    version: manifest.version,
    kind,
    vectors,
    embedder: embedderVersion,
    ms: manifest.buildMs,
  });
  return manifest;
}
