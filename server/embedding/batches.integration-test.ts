import { expect, it } from "vitest";
import { tempDir } from "@/test/files";
import { ingestLoans } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { sha256Hex } from "../hashing";
import { countDocuments, loanDocumentSource } from "../ingest";
import { createHashEmbedder } from "./hash-embedder";
import type { Embedder } from "./embedder";
import { buildIndex } from "../index-store/pipeline";
import { embedDocuments, embeddingsPrefix } from "./batches";
import { LocalArtifactStore } from "../artifacts";
import { CorruptArtifactError } from "../artifacts";

/**
 * Embedding batches and index builds against real PostgreSQL documents and a real (local)
 * artifact store. Integration files share a database, so counts are relative to what is there.
 */

/** The hash embedder, counting how many texts it was asked to embed. */
function countingEmbedder(): Embedder & { embedded: number } {
  const inner = createHashEmbedder();
  const counting = {
    version: inner.version,
    dimensions: inner.dimensions,
    embedded: 0,
    async embed(texts: string[]) {
      counting.embedded += texts.length;
      return inner.embed(texts);
    },
  };
  return counting;
}

it("embeds in batches, then only what is new; a crashed run resumes where it stopped", async () => {
  await ingestLoans(Array.from({ length: 30 }, () => uniqueLoan()));
  const store = new LocalArtifactStore(tempDir());
  const embedder = countingEmbedder();
  // About 20 batches, whether this database holds only these documents or the whole corpus too.
  const batchSize = Math.max(10, Math.ceil((await countDocuments()) / 20));

  const first = await embedDocuments({ documents: loanDocumentSource, embedder, store, batchSize });
  expect(first.embedded).toBe(first.documents);
  expect(first.batches).toBe(Math.ceil(first.documents / batchSize));
  const keys = await store.list(embeddingsPrefix(embedder.version));
  expect(keys.filter((k) => k.endsWith(".json"))).toHaveLength(first.batches);
  expect(keys[0]).toBe(`embeddings/${embedder.version}/batch_0000.f32`);

  // Nothing changed: nothing embedded.
  embedder.embedded = 0;
  const again = await embedDocuments({ documents: loanDocumentSource, embedder, store, batchSize });
  expect(again).toMatchObject({ unchanged: first.batches, embedded: 0 });
  expect(embedder.embedded).toBe(0);

  // Five new documents: only they are embedded; the last batch's other documents are reused.
  await ingestLoans(Array.from({ length: 5 }, () => uniqueLoan()));
  embedder.embedded = 0;
  const more = await embedDocuments({ documents: loanDocumentSource, embedder, store, batchSize });
  expect(more.embedded).toBe(5);
  expect(embedder.embedded).toBe(5);

  // A crash after two batches: their JSON (the commit marker) is all a rerun needs to skip them.
  const lastBatch = (await store.list(embeddingsPrefix(embedder.version))).filter((k) => k.endsWith(".json")).at(-1)!;
  await store.deletePrefix(lastBatch.replace(/json$/, ""));
  embedder.embedded = 0;
  const resumed = await embedDocuments({ documents: loanDocumentSource, embedder, store, batchSize });
  expect(resumed.unchanged).toBe(resumed.batches - 1);
  expect(embedder.embedded).toBe(resumed.documents - (resumed.batches - 1) * batchSize);
});

it("builds the same version from the same vectors, and refuses a corrupt batch", async () => {
  await ingestLoans(Array.from({ length: 12 }, () => uniqueLoan()));
  const store = new LocalArtifactStore(tempDir());
  const embedder = createHashEmbedder();
  await embedDocuments({ documents: loanDocumentSource, embedder, store, batchSize: 50 });

  const manifest = await buildIndex({ store, embedderVersion: embedder.version, kind: "exact", actor: "test" });
  const index = await store.get(`indexes/${manifest.version}/index`);
  const ids = await store.get(`indexes/${manifest.version}/ids`);
  expect(manifest.files).toEqual({ index: sha256Hex(index), ids: sha256Hex(ids) });
  expect(index.byteLength).toBe(manifest.vectors * manifest.dimensions * 4);
  expect(JSON.parse((await store.get(`indexes/${manifest.version}/manifest.json`)).toString())).toEqual(manifest);
  const rebuilt = await buildIndex({ store, embedderVersion: embedder.version, kind: "exact", actor: "test" });
  expect(rebuilt.version).toBe(manifest.version);

  // Flip one byte of a stored vector batch: the next build must not use it.
  const batch = `${embeddingsPrefix(embedder.version)}batch_0000.f32`;
  const bytes = await store.get(batch);
  bytes[7] = bytes[7]! ^ 0xff;
  await store.put(batch, bytes);
  await expect(buildIndex({ store, embedderVersion: embedder.version, kind: "exact", actor: "test" })).rejects.toThrow(
    CorruptArtifactError,
  );
});

it("explains that there is nothing to build before anything was embedded", async () => {
  const store = new LocalArtifactStore(tempDir());
  await expect(buildIndex({ store, embedderVersion: "hash-v2-384", kind: "exact", actor: "test" })).rejects.toThrow(
    /no embeddings for hash-v2-384: run the embed job first/,
  );
});
