import os from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { getDb } from "../db";
import { loanDocuments, type IndexManifest } from "../db/schema";
import { AppError } from "../errors";
import { logger } from "../logger";
import { readVerified } from "./artifacts";
import { activeIndexVersion } from "./build";
import { ExactSearcher, type SearchHit } from "./searcher";

/** The index this process serves, loaded from the active version on first use. */
export interface LiveIndex {
  manifest: IndexManifest;
  documentIds: Float64Array;
  searcher: ExactSearcher;
  memoryBytes: number;
  loadedAt: Date;
}

const log = logger.child("live-index");
const globalForIndex = globalThis as unknown as { apfaLiveIndex?: Promise<LiveIndex> };

export async function loadIndex(dir: string, manifest: IndexManifest): Promise<LiveIndex> {
  const started = performance.now();
  const idBytes = readVerified(path.join(dir, "ids"), manifest.files.ids);
  const ids = new BigUint64Array(idBytes.buffer.slice(idBytes.byteOffset, idBytes.byteOffset + idBytes.byteLength));
  const documentIds = Float64Array.from(ids, (id) => Number(id));
  const threads = Math.max(1, Math.min(2, os.availableParallelism()));
  const searcher = new ExactSearcher(
    path.join(dir, "index"),
    manifest.files.index,
    manifest.dimensions,
    manifest.vectors,
    threads,
  );
  const memoryBytes = (await searcher.ready) + documentIds.byteLength;
  log.info("index loaded", {
    version: manifest.version,
    vectors: manifest.vectors,
    ms: Math.round(performance.now() - started),
  });
  return { manifest, documentIds, searcher, memoryBytes, loadedAt: new Date() };
}

async function loadActive(): Promise<LiveIndex> {
  const active = await activeIndexVersion();
  if (!active)
    throw new AppError("unavailable", "no vector index is active yet: run `npm run cli -- setup` (npm start does it)");
  return loadIndex(active.uri, active.manifest);
}

export function getLiveIndex(): Promise<LiveIndex> {
  if (!globalForIndex.apfaLiveIndex) {
    const loading = loadActive();
    globalForIndex.apfaLiveIndex = loading;
    // A failed load is not cached: the next request tries again.
    loading.catch((error: unknown) => {
      log.error("index load failed", { error });
      if (globalForIndex.apfaLiveIndex === loading) globalForIndex.apfaLiveIndex = undefined;
    });
  }
  return globalForIndex.apfaLiveIndex;
}

/** The loaded index, if any, without triggering a load (for health and metrics). */
export async function peekLiveIndex(): Promise<LiveIndex | null> {
  return globalForIndex.apfaLiveIndex ? globalForIndex.apfaLiveIndex.catch(() => null) : null;
}

export async function closeLiveIndex(): Promise<void> {
  const current = globalForIndex.apfaLiveIndex;
  globalForIndex.apfaLiveIndex = undefined;
  await (await current?.catch(() => null))?.searcher.close();
}

/** The documents behind search hits, in hit order. */
export async function documentsFor(index: LiveIndex, hits: SearchHit[]) {
  const ids = hits.map((hit) => index.documentIds[hit.row]!);
  if (ids.length === 0) return [];
  const rows = await getDb().select().from(loanDocuments).where(inArray(loanDocuments.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return hits.flatMap((hit, i) => {
    const doc = byId.get(ids[i]!);
    return doc ? [{ id: doc.id, score: hit.score, text: doc.text, fields: doc.fields, outcome: doc.outcome }] : [];
  });
}
