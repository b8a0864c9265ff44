/**
 * Patches to installed dependencies, kept under patches/ as `<package>+<version>.patch` (a scope's
 * slash written `+`, as patch-package names them) with paths relative to the package's root, and
 * applied by `npm install` (scripts/postinstall.ts) to every installed copy of that version. Each
 * patch is a change ready to offer upstream; docs/patches.md says what each one does and why.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface PatchOutcome {
  patch: string;
  packageDir: string;
  result: "applied" | "already applied" | "other version";
  installedVersion?: string;
}

/** `@langchain+core+1.4.0.patch` → { name: "@langchain/core", version: "1.4.0" }. */
export function parsePatchName(file: string): { name: string; version: string } {
  const match = /^(@[^+]+\+)?([^+]+)\+([^+]+)\.patch$/.exec(file);
  if (!match) throw new Error(`patch file ${file} is not named <package>+<version>.patch`);
  const scope = match[1] ? `${match[1].slice(0, -1)}/` : "";
  return { name: `${scope}${match[2]}`, version: match[3]! };
}

/** Every installed copy of `name` under `root`'s node_modules, nested ones included. */
export function installedCopies(root: string, name: string): string[] {
  const found: string[] = [];
  const visit = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    if (fs.existsSync(path.join(modules, name, "package.json"))) found.push(path.join(modules, name));
    for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      const dirs = entry.name.startsWith("@")
        ? fs.readdirSync(path.join(modules, entry.name)).map((sub) => path.join(modules, entry.name, sub))
        : [path.join(modules, entry.name)];
      for (const dir of dirs) visit(path.join(dir, "node_modules"));
    }
  };
  visit(path.join(root, "node_modules"));
  return found;
}

/** The files a unified diff changes, relative to the package root (its `+++ b/...` lines). */
export function patchedFiles(patchText: string): string[] {
  return [...patchText.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]!.trim());
}

function gitApply(packageDir: string, patchFile: string, ...flags: string[]): boolean {
  try {
    // Run in the package's directory, so the diff's paths are the package's own; node_modules is
    // outside the index, which `git apply` (without --index) neither reads nor needs.
    execFileSync("git", ["apply", "--unsafe-paths", "-p1", ...flags, patchFile], { cwd: packageDir, stdio: "pipe" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error("git is not installed: it applies patches/ to node_modules at install (scripts/postinstall.ts)");
    }
    return false;
  }
}

/**
 * A file's own copy before it is changed: node_modules may be hard-linked from another checkout
 * (a worktree, a cache), and writing through the link would patch that one too.
 */
function unlinkFromOthers(file: string): void {
  if (fs.statSync(file).nlink <= 1) return;
  const copy = `${file}.apfa-patch-tmp`;
  fs.copyFileSync(file, copy);
  fs.renameSync(copy, file);
}

/** Applies one patch to every installed copy of its package and version; throws when one does not apply. */
export function applyPatch(root: string, patchFile: string): PatchOutcome[] {
  const { name, version } = parsePatchName(path.basename(patchFile));
  const copies = installedCopies(root, name);
  if (copies.length === 0) throw new Error(`${path.basename(patchFile)}: ${name} is not installed under ${root}`);
  return copies.map((packageDir): PatchOutcome => {
    const patch = path.basename(patchFile);
    const installedVersion = (
      JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    if (installedVersion !== version) return { patch, packageDir, result: "other version", installedVersion };
    if (gitApply(packageDir, patchFile, "--reverse", "--check"))
      return { patch, packageDir, result: "already applied" };
    if (!gitApply(packageDir, patchFile, "--check")) {
      throw new Error(
        `${patch} does not apply to ${packageDir} (${name}@${installedVersion}): its files differ from the release it was made against`,
      );
    }
    for (const file of patchedFiles(fs.readFileSync(patchFile, "utf8"))) unlinkFromOthers(path.join(packageDir, file));
    if (!gitApply(packageDir, patchFile))
      throw new Error(`${patch} failed to apply to ${packageDir} after checking clean`);
    return { patch, packageDir, result: "applied" };
  });
}

/** Every patch under `<root>/patches`. */
export function applyAllPatches(root: string): PatchOutcome[] {
  const dir = path.join(root, "patches");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".patch"))
    .sort()
    .flatMap((file) => applyPatch(root, path.join(dir, file)));
}
