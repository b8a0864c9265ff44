import { createHash } from "node:crypto";
import { asc, count, eq, gt } from "drizzle-orm";
import { recordAudit } from "../audit";
import { getDb } from "../db";
import { indexVersions, loanDocuments, type IndexManifest } from "../db/schema";
import { logger } from "../logger";
import type { Embedder } from "../rag/embedder";
import { artifactsRoot, sha256, writeIndexArtifacts } from "./artifacts";

const PAGE = 1000;
const log = logger.child("index-build");

/**
 * Embeds every loan document and writes an exact (flat inner-product) index: the vectors as
 * a row-major f32 matrix plus the document id of each row. The version is the sha256 of
 * those bytes, so the same documents and embedder always give the same version.
 */
export async function buildExactIndex(options: {
  embedder: Embedder;
  actor: string;
  root?: string;
  onProgress?: (done: number, total: number) => void;
}): Promise<IndexManifest> {
  const started = performance.now();
  const { embedder } = options;
  const db = getDb();
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(loanDocuments);
  if (total === 0) throw new Error("no loan documents to index: ingest some first (npm run cli -- ingest <file>)");

  const matrix = new Float32Array(total * embedder.dimensions);
  const ids = new BigUint64Array(total);
  let row = 0;
  let lastId = 0;
  while (row < total) {
    const page = await db
      .select({ id: loanDocuments.id, text: loanDocuments.text })
      .from(loanDocuments)
      .where(gt(loanDocuments.id, lastId))
      .orderBy(asc(loanDocuments.id))
      .limit(Math.min(PAGE, total - row));
    if (page.length === 0) break;
    const vectors = await embedder.embed(page.map((doc) => doc.text));
    vectors.forEach((vector, i) => {
      matrix.set(vector, (row + i) * embedder.dimensions);
      ids[row + i] = BigInt(page[i]!.id);
    });
    row += page.length;
    lastId = page[page.length - 1]!.id;
    options.onProgress?.(row, total);
  }

  const indexBytes = new Uint8Array(matrix.buffer, 0, row * embedder.dimensions * 4);
  const idBytes = new Uint8Array(ids.buffer, 0, row * 8);
  const version = createHash("sha256").update(indexBytes).update(idBytes).digest("hex");
  const manifest: IndexManifest = {
    version,
    kind: "exact",
    embedderVersion: embedder.version,
    dimensions: embedder.dimensions,
    vectors: row,
    files: { index: sha256(indexBytes), ids: sha256(idBytes) },
    buildMs: Math.round(performance.now() - started),
    memoryBytes: indexBytes.byteLength + idBytes.byteLength,
    createdAt: new Date().toISOString(),
  };
  const uri = writeIndexArtifacts(options.root ?? artifactsRoot(), manifest, { index: indexBytes, ids: idBytes });
  await db
    .insert(indexVersions)
    .values({
      version,
      kind: "exact",
      embedderVersion: embedder.version,
      dimensions: embedder.dimensions,
      vectors: row,
      uri,
      manifest,
      createdBy: options.actor,
    })
    .onConflictDoNothing();
  log.info("index built", { version, vectors: row, embedder: embedder.version, buildMs: manifest.buildMs });
  return manifest;
}

/** Makes `version` the one every instance serves. */
export async function activateIndexVersion(version: string, actor: string, reason?: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const [target] = await tx.select().from(indexVersions).where(eq(indexVersions.version, version));
    if (!target) throw new Error(`no index version ${version}`);
    await tx.update(indexVersions).set({ active: false }).where(eq(indexVersions.active, true));
    await tx.update(indexVersions).set({ active: true }).where(eq(indexVersions.version, version));
  });
  await recordAudit({ actor, action: "index.activate", target: version, reason });
}

export async function activeIndexVersion() {
  const [row] = await getDb().select().from(indexVersions).where(eq(indexVersions.active, true));
  return row ?? null;
}
