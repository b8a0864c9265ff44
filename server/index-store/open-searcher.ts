import os from "node:os";
import type { IndexManifest } from "../db/schema";
import { ExactSearcher } from "./searcher";

/** A searcher for an index file of either kind; the worker verifies the file's sha256 before serving. */
export function openSearcher(file: string, manifest: IndexManifest, efSearch?: number) {
  const threads = Math.max(1, Math.min(2, os.availableParallelism()));
  void efSearch;
  return new ExactSearcher(file, manifest.files.index, manifest.dimensions, manifest.vectors, threads);
}
