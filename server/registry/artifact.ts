import fs from "node:fs";
import path from "node:path";
import { artifactStore, getVerified, localFileVerified } from "../artifacts";
import { env } from "../env";
import { AppError } from "../errors";
import { sha256File, sha256Hex } from "../hashing";
import type { ArtifactRef } from "./metadata";

/**
 * Registered artifacts are copied into the artifact store (a local folder, or the S3 bucket every
 * instance reads), under `registry/<model>/<version>/`, with their sha256; nothing is read back
 * unless it still hashes to it. A folder (a MiniLM model) is hashed as the sorted list of its
 * files' hashes, so a change to any file changes the folder's sha256.
 */

const keyOf = (model: string, version: string, name: string) => `registry/${model}/${version}/${name}`;

function filesIn(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return filesIn(dir, relative);
      return entry.isFile() ? [relative] : [];
    })
    .sort();
}

export function folderDigest(files: Record<string, string>): string {
  return sha256Hex(Buffer.from(JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)))));
}

/** Checked before anything is copied: a file that is not the one expected leaves nothing behind. */
function refuseUnexpected(file: string, actual: string, expected: string | undefined): void {
  if (expected && actual !== expected.toLowerCase()) {
    throw new AppError("bad_request", `--sha256: ${file} hashes to ${actual}, not ${expected}`);
  }
}

/** Copies `source` (a file or a folder) into the store and describes it; names `--file` when it cannot be read. */
export async function storeArtifact(
  model: string,
  version: string,
  source: string,
  expectedSha256?: string,
): Promise<ArtifactRef> {
  const resolved = path.resolve(source);
  const stat = fs.statSync(resolved, { throwIfNoEntry: false });
  if (!stat) throw new AppError("bad_request", `--file: no such file or folder: ${resolved}`);
  const store = artifactStore();
  if (stat.isFile()) {
    const key = keyOf(model, version, path.basename(resolved));
    const bytes = fs.readFileSync(resolved);
    const sha256 = sha256Hex(bytes);
    refuseUnexpected(resolved, sha256, expectedSha256);
    await store.put(key, bytes);
    return { key, uri: store.uriOf(key), sha256, bytes: bytes.byteLength };
  }
  if (!stat.isDirectory()) throw new AppError("bad_request", `--file: ${resolved} is neither a file nor a folder`);
  const names = filesIn(resolved);
  if (names.length === 0) throw new AppError("bad_request", `--file: the folder ${resolved} is empty`);
  const files: Record<string, string> = {};
  let bytes = 0;
  for (const name of names) {
    const content = fs.readFileSync(path.join(resolved, name));
    files[name] = sha256Hex(content);
    bytes += content.byteLength;
  }
  const sha256 = folderDigest(files);
  refuseUnexpected(resolved, sha256, expectedSha256);
  const key = keyOf(model, version, path.basename(resolved));
  for (const name of names) await store.put(`${key}/${name}`, fs.readFileSync(path.join(resolved, name)));
  return { key, uri: store.uriOf(key), sha256, bytes, files };
}

/** Stores a document given as text (the prompt and bias policy seeded at first start). */
export async function storeDocument(
  model: string,
  version: string,
  document: { name: string; text: string },
): Promise<ArtifactRef> {
  const key = keyOf(model, version, document.name);
  const bytes = Buffer.from(document.text, "utf8");
  await artifactStore().put(key, bytes);
  return { key, uri: artifactStore().uriOf(key), sha256: sha256Hex(bytes), bytes: bytes.byteLength };
}

/** The bytes of a file artifact, refused unless they hash to the registered sha256. */
export function readArtifact(artifact: ArtifactRef): Promise<Buffer> {
  return getVerified(artifactStore(), artifact.key, artifact.sha256);
}

/**
 * A local path holding the verified artifact (a download for a remote store): the file itself, or
 * the folder whose every file was checked against the registered list.
 */
export async function localArtifact(artifact: ArtifactRef): Promise<string> {
  const store = artifactStore();
  const cacheDir = path.join(env.dataDir, "cache");
  if (!artifact.files) return localFileVerified(store, artifact.key, artifact.sha256, cacheDir);
  if (folderDigest(artifact.files) !== artifact.sha256) {
    throw new AppError("conflict", `artifact ${artifact.uri}: its file list does not hash to the registered sha256`);
  }
  let folder = "";
  for (const [name, sha256] of Object.entries(artifact.files)) {
    const file = await localFileVerified(store, `${artifact.key}/${name}`, sha256, cacheDir);
    folder = file.slice(0, file.length - name.length - 1);
  }
  return folder;
}

/** Re-hashes an artifact where it is stored; the reason it fails, or null when it verifies. */
export async function artifactProblem(artifact: ArtifactRef): Promise<string | null> {
  try {
    if (artifact.files) await localArtifact(artifact);
    else
      await sha256File(await artifactStore().localFile(artifact.key, path.join(env.dataDir, "cache"))).then(
        (actual) => {
          if (actual !== artifact.sha256) throw new Error(`sha256 ${actual}, expected ${artifact.sha256}`);
        },
      );
    return null;
  } catch (error) {
    return `${artifact.uri}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
