import path from "node:path";
import { artifactStore } from "../../artifacts";
import { env } from "../../env";
import { sha256File, sha256Hex } from "../../hashing";
import { indexKey } from "../keys";
import type { IndexManifest } from "../tables";
import { getIndexVersion } from "../versions";

/**
 * Re-hashes an index version's artifacts where they are stored: manifest.json against the sha256
 * the database recorded, then the index and ids files against the manifest. The reason it fails,
 * or null when every file verifies. (Instances check the same again when they load a version.)
 */
export async function indexArtifactProblem(version: string): Promise<string | null> {
  const row = await getIndexVersion(version);
  if (!row.manifestSha256) return `index ${version.slice(0, 12)} predates verified manifests: rebuild it`;
  const store = artifactStore();
  try {
    const bytes = await store.get(indexKey(version, "manifest.json"));
    const manifestSha = sha256Hex(bytes);
    if (manifestSha !== row.manifestSha256) {
      return `${store.uriOf(indexKey(version, "manifest.json"))}: sha256 ${manifestSha}, expected ${row.manifestSha256}`;
    }
    const manifest = JSON.parse(bytes.toString("utf8")) as IndexManifest;
    const cacheDir = path.join(env.dataDir, "cache");
    for (const file of ["index", "ids"] as const) {
      const key = indexKey(version, file);
      const actual = await sha256File(await store.localFile(key, cacheDir));
      if (actual !== manifest.files[file])
        return `${store.uriOf(key)}: sha256 ${actual}, expected ${manifest.files[file]}`;
    }
    return null;
  } catch (error) {
    return `index ${version.slice(0, 12)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
