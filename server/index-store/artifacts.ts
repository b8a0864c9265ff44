import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";
import type { IndexManifest } from "../db/schema";

/** Index artifacts on local disk: indexes/<version>/{index, ids, manifest.json}. */

export function artifactsRoot(): string {
  return path.join(env.dataDir, "artifacts");
}

export function indexDir(version: string, root = artifactsRoot()): string {
  return path.join(root, "indexes", version);
}

export { sha256Hex as sha256 } from "../hashing";
import { sha256Hex as sha256 } from "../hashing";

/** Writes into a temporary directory, then renames it into place: readers never see half an index. */
export function writeIndexArtifacts(
  root: string,
  manifest: IndexManifest,
  files: { index: Uint8Array; ids: Uint8Array },
): string {
  const target = indexDir(manifest.version, root);
  if (fs.existsSync(path.join(target, "manifest.json"))) return target;
  const staging = path.join(root, "indexes", `.staging-${randomUUID()}`);
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, "index"), files.index);
  fs.writeFileSync(path.join(staging, "ids"), files.ids);
  fs.writeFileSync(path.join(staging, "manifest.json"), JSON.stringify(manifest, null, 2));
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);
  return target;
}

/** Reads an artifact and refuses it unless its sha256 matches the manifest. */
export function readVerified(file: string, expected: string): Buffer {
  if (!fs.existsSync(file)) throw new Error(`index artifact missing: ${file}`);
  const bytes = fs.readFileSync(file);
  const actual = sha256(bytes);
  if (actual !== expected) throw new Error(`index artifact ${file} is corrupt: sha256 ${actual}, expected ${expected}`);
  return bytes;
}
