import { z } from "zod";
import { sha256Hex } from "../hashing";
import type { Embedder } from "./embedder";
import { getVerified } from "../artifacts";
import { ArtifactNotFoundError, type ArtifactStore } from "../artifacts";

/**
 * Document embeddings as artifacts, one batch of documents (in id order) per pair of files:
 * `embeddings/<embedder-version>/batch_NNNN.f32` (row-major vectors) and `batch_NNNN.json`
 * (which documents, their content hashes, the vectors' sha256). The JSON is written last, so a
 * batch without it does not exist; a crashed run resumes at the first batch whose inputs differ.
 */

const batchMetaSchema = z.object({
  embedderVersion: z.string(),
  batch: z.number().int().min(0),
  dimensions: z.number().int().positive(),
  ids: z.array(z.number().int()),
  contentHashes: z.array(z.string()),
  /** sha256 of the batch's (id, content hash) list: unchanged inputs mean nothing to embed. */
  inputsSha256: z.string(),
  vectorsSha256: z.string(),
});
export type EmbeddingBatch = z.infer<typeof batchMetaSchema>;

export const embeddingsPrefix = (embedderVersion: string) => `embeddings/${embedderVersion}/`;
const batchKey = (embedderVersion: string, batch: number, ext: "f32" | "json") =>
  `${embeddingsPrefix(embedderVersion)}batch_${String(batch).padStart(4, "0")}.${ext}`;

export interface EmbedReport {
  batches: number;
  /** Batches whose documents were all embedded before, left as they were. */
  unchanged: number;
  embedded: number;
  reused: number;
  documents: number;
}

async function readBatch(store: ArtifactStore, key: string): Promise<EmbeddingBatch | null> {
  try {
    return batchMetaSchema.parse(JSON.parse((await store.get(key)).toString("utf8")));
  } catch (error) {
    if (error instanceof ArtifactNotFoundError) return null;
    throw new Error(`embedding batch ${store.uriOf(key)} is unreadable: ${(error as Error).message}`);
  }
}

async function readVectors(store: ArtifactStore, meta: EmbeddingBatch): Promise<Float32Array> {
  const bytes = await getVerified(store, batchKey(meta.embedderVersion, meta.batch, "f32"), meta.vectorsSha256);
  if (bytes.byteLength !== meta.ids.length * meta.dimensions * 4) {
    throw new Error(`embedding batch ${meta.batch} holds ${bytes.byteLength} bytes, not ${meta.ids.length} vectors`);
  }
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * The documents to embed, in id order: the ingest domain's loan profiles (`loanDocumentSource`),
 * handed in by whoever runs the embedding, so that embedding depends on no domain above it.
 */
export interface DocumentSource {
  count(): Promise<number>;
  /** Up to `limit` documents with an id above `afterId`, in id order. */
  page(afterId: number, limit: number): Promise<{ id: number; contentHash: string; text: string }[]>;
}

/**
 * Brings the embeddings of every document up to date: a batch whose documents are unchanged is
 * skipped, a changed one re-embeds only the documents it did not hold before (by content hash).
 */
export async function embedDocuments(options: {
  documents: DocumentSource;
  embedder: Embedder;
  store: ArtifactStore;
  batchSize: number;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}): Promise<EmbedReport> {
  const { documents, embedder, store, batchSize } = options;
  const total = await documents.count();
  if (total === 0) throw new Error("no loan documents to embed: ingest some first (npm run cli -- ingest <file>)");
  const report: EmbedReport = { batches: 0, unchanged: 0, embedded: 0, reused: 0, documents: 0 };

  let lastId = 0;
  for (let batch = 0; ; batch++) {
    const docs = await documents.page(lastId, batchSize);
    if (docs.length === 0) break;
    lastId = docs.at(-1)!.id;
    report.batches++;
    report.documents += docs.length;

    const previous = await readBatch(store, batchKey(embedder.version, batch, "json"));
    if (previous?.inputsSha256 === inputsSha256(docs)) {
      report.unchanged++;
    } else {
      const { vectors, embedded } = await vectorsFor(docs, previous, embedder, store);
      await writeEmbeddingBatch(
        store,
        { embedderVersion: embedder.version, batch, dimensions: embedder.dimensions },
        docs,
        vectors,
      );
      report.embedded += embedded;
      report.reused += docs.length - embedded;
    }
    await options.onProgress?.(report.documents, total);
  }
  // Fewer batches than last time (documents removed): the extra ones must not reach an index.
  for (const key of await store.list(embeddingsPrefix(embedder.version))) {
    const batch = Number(/batch_(\d+)\.json$/.exec(key)?.[1] ?? -1);
    if (batch >= report.batches) await store.deletePrefix(key.replace(/json$/, ""));
  }
  return report;
}

/** Writes one batch: the vectors, then the JSON that makes the batch exist. */
export async function writeEmbeddingBatch(
  store: ArtifactStore,
  batch: { embedderVersion: string; batch: number; dimensions: number },
  docs: { id: number; contentHash: string }[],
  vectors: Float32Array,
): Promise<void> {
  const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  await store.put(batchKey(batch.embedderVersion, batch.batch, "f32"), bytes);
  const meta: EmbeddingBatch = {
    ...batch,
    ids: docs.map((d) => d.id),
    contentHashes: docs.map((d) => d.contentHash),
    inputsSha256: inputsSha256(docs),
    vectorsSha256: sha256Hex(bytes),
  };
  await store.put(batchKey(batch.embedderVersion, batch.batch, "json"), JSON.stringify(meta));
}

const inputsSha256 = (docs: { id: number; contentHash: string }[]) =>
  sha256Hex(Buffer.from(docs.map((d) => `${d.id}:${d.contentHash}`).join("\n")));

/** Vectors for a batch's documents, reusing the previous batch's vector for any unchanged document. */
async function vectorsFor(
  docs: { contentHash: string; text: string }[],
  previous: EmbeddingBatch | null,
  embedder: Embedder,
  store: ArtifactStore,
): Promise<{ vectors: Float32Array; embedded: number }> {
  const dims = embedder.dimensions;
  const vectors = new Float32Array(docs.length * dims);
  const known = new Map<string, Float32Array>();
  if (previous && previous.dimensions === dims) {
    const old = await readVectors(store, previous);
    previous.contentHashes.forEach((hash, i) => known.set(hash, old.subarray(i * dims, (i + 1) * dims)));
  }
  const missing: number[] = [];
  docs.forEach((doc, i) => {
    const vector = known.get(doc.contentHash);
    if (vector) vectors.set(vector, i * dims);
    else missing.push(i);
  });
  if (missing.length > 0) {
    const fresh = await embedder.embed(missing.map((i) => docs[i]!.text));
    fresh.forEach((vector, j) => vectors.set(vector, missing[j]! * dims));
  }
  return { vectors, embedded: missing.length };
}

/** Every batch of an embedder version, in order, with its verified vectors. */
export async function* readEmbeddings(
  store: ArtifactStore,
  embedderVersion: string,
): AsyncGenerator<{ meta: EmbeddingBatch; vectors: Float32Array }> {
  const keys = (await store.list(embeddingsPrefix(embedderVersion))).filter((key) => key.endsWith(".json"));
  for (const [expected, key] of keys.entries()) {
    const meta = await readBatch(store, key);
    if (!meta || meta.batch !== expected) throw new Error(`embedding batch ${expected} is missing: re-run embed`);
    yield { meta, vectors: await readVectors(store, meta) };
  }
}
