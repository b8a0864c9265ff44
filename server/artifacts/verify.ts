import { sha256File, sha256Hex } from "../hashing";
import { CorruptArtifactError, type ArtifactStore } from "./types";

/** Reads an artifact and refuses it unless its bytes hash to `sha256`. */
export async function getVerified(store: ArtifactStore, key: string, sha256: string): Promise<Buffer> {
  const bytes = await store.get(key);
  const actual = sha256Hex(bytes);
  if (actual !== sha256) throw new CorruptArtifactError(store.uriOf(key), `sha256 ${actual}, expected ${sha256}`);
  return bytes;
}

/** A local copy of an artifact whose sha256 has been checked (downloaded first for a remote store). */
export async function localFileVerified(
  store: ArtifactStore,
  key: string,
  sha256: string,
  cacheDir: string,
): Promise<string> {
  const file = await store.localFile(key, cacheDir);
  const actual = await sha256File(file);
  if (actual !== sha256) throw new CorruptArtifactError(store.uriOf(key), `sha256 ${actual}, expected ${sha256}`);
  return file;
}
