import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, writeFile } from "@/test/files";
import { productionBuildIsFresh } from "./build-freshness";

/** Sets a file's or directory's modification time to `seconds` after the epoch. */
const touch = (target: string, seconds: number) => fs.utimesSync(target, seconds, seconds);

/** A fake project: sources at t=100, a build at `builtAt`. Explicit times keep it independent of clock resolution. */
function project(builtAt: number | null): string {
  const root = tempDir();
  for (const file of [
    writeFile(root, "server/env.ts", ""),
    writeFile(root, "app/page.tsx", ""),
    writeFile(root, "package-lock.json", "{}"),
  ]) {
    touch(file, 100);
    touch(path.dirname(file), 100);
  }
  if (builtAt !== null) touch(writeFile(root, ".next/BUILD_ID", "abc"), builtAt);
  return root;
}

describe("productionBuildIsFresh", () => {
  it("is false without a build", () => {
    expect(productionBuildIsFresh(project(null))).toBe(false);
  });

  it("is true when the build is newer than every source", () => {
    expect(productionBuildIsFresh(project(200))).toBe(true);
  });

  it("is false when a source file deep in a tree changed after the build", () => {
    const root = project(200);
    const changed = writeFile(root, "server/api/routers/new.ts", "");
    for (const dir of ["server", "server/api", "server/api/routers"]) touch(path.join(root, dir), 100);
    touch(changed, 300);
    expect(productionBuildIsFresh(root)).toBe(false);
  });

  it("is false when a top-level config file changed after the build", () => {
    const root = project(200);
    touch(writeFile(root, "next.config.ts", ""), 300);
    expect(productionBuildIsFresh(root)).toBe(false);
  });

  it("ignores files that are not build sources", () => {
    const root = project(200);
    touch(writeFile(root, "README.md", ""), 300);
    touch(writeFile(root, "e2e/chat.spec.ts", ""), 300);
    expect(productionBuildIsFresh(root)).toBe(true);
  });
});
