import os from "node:os";
import type { IndexManifest } from "../tables";
import { IndexSearcher } from "./searcher";

/**
 * The searcher for a version's index file, of either kind; its worker verifies the file's sha256
 * before serving. HNSW needs the search expansion chosen by validation (not stored in the file).
 */
export function openSearcher(file: string, manifest: IndexManifest, efSearch?: number): IndexSearcher {
  const common = {
    file,
    sha256: manifest.files.index,
    dimensions: manifest.dimensions,
    size: manifest.vectors,
    threads: Math.max(1, Math.min(2, os.availableParallelism())),
  };
  if (manifest.kind === "exact") return new IndexSearcher({ ...common, kind: "exact" });
  const ef = efSearch ?? manifest.hnsw?.expansionSearch;
  if (!ef) throw new Error(`HNSW index ${manifest.version.slice(0, 12)} has no search expansion: validate it first`);
  return new IndexSearcher({ ...common, kind: "hnsw", ef, chunks: manifest.chunks?.index });
}
