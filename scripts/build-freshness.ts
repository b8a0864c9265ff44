import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Whether .next holds a production build of the current sources. After each build we record a
 * fingerprint of every source file (path, size, mtime); any added, changed or deleted file
 * changes it. Test files sit beside the code but are not part of the build, so they don't count.
 */

const SOURCES = [
  "app",
  "components",
  "server",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const TEST_FILE = /\.(test|integration-test)\.tsx?$/;
const FINGERPRINT = path.join(".next", "apfa-sources.sha256");

function sourceFiles(root: string, target: string): string[] {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return TEST_FILE.test(target) ? [] : [target];
  return fs.readdirSync(full).flatMap((entry) => sourceFiles(root, path.join(target, entry)));
}

export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap((source) => sourceFiles(root, source)).sort()) {
    const stat = fs.statSync(path.join(root, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

export function recordBuild(root: string): void {
  fs.writeFileSync(path.join(root, FINGERPRINT), sourceFingerprint(root));
}

export function productionBuildIsFresh(root: string): boolean {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  const recorded = path.join(root, FINGERPRINT);
  return fs.existsSync(recorded) && fs.readFileSync(recorded, "utf8") === sourceFingerprint(root);
}
