import { desc } from "drizzle-orm";
import { getDb } from "../db";
import { indexVersions } from "../db/schema";

export { buildExactIndex, activateIndexVersion, activeIndexVersion } from "./build";
export { getLiveIndex, peekLiveIndex, closeLiveIndex, documentsFor, type LiveIndex } from "./live-index";
export { ExactSearcher, type SearchHit } from "./searcher";

export async function listIndexVersions() {
  return getDb()
    .select({
      version: indexVersions.version,
      kind: indexVersions.kind,
      embedderVersion: indexVersions.embedderVersion,
      dimensions: indexVersions.dimensions,
      vectors: indexVersions.vectors,
      recall: indexVersions.recall,
      active: indexVersions.active,
      createdBy: indexVersions.createdBy,
      createdAt: indexVersions.createdAt,
    })
    .from(indexVersions)
    .orderBy(desc(indexVersions.createdAt));
}
