import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, writeFile } from "@/test/files";
import { productionBuildIsFresh, recordBuild } from "./build-freshness";

/** A fake project with a few sources; `built` adds a build whose fingerprint matches them. */
function project({ built }: { built: boolean }): string {
  const root = tempDir();
  writeFile(root, "server/env.ts", "export {}");
  writeFile(root, "app/page.tsx", "export {}");
  writeFile(root, "package-lock.json", "{}");
  if (built) {
    writeFile(root, ".next/BUILD_ID", "abc");
    recordBuild(root);
  }
  return root;
}

describe("productionBuildIsFresh", () => {
  it("is false without a build", () => {
    expect(productionBuildIsFresh(project({ built: false }))).toBe(false);
  });

  it("is true right after a build", () => {
    expect(productionBuildIsFresh(project({ built: true }))).toBe(true);
  });

  it("is false when a source changed after the build", () => {
    const root = project({ built: true });
    fs.utimesSync(path.join(root, "app/page.tsx"), 1_000, 1_000);
    expect(productionBuildIsFresh(root)).toBe(false);
  });

  it("is false when a source was added or deleted after the build", () => {
    const added = project({ built: true });
    writeFile(added, "server/api/routers/new.ts", "export {}");
    expect(productionBuildIsFresh(added)).toBe(false);

    const deleted = project({ built: true });
    fs.rmSync(path.join(deleted, "server/env.ts"));
    expect(productionBuildIsFresh(deleted)).toBe(false);
  });

  it("ignores test files added beside the sources", () => {
    const root = project({ built: true });
    writeFile(root, "server/env.test.ts", "");
    writeFile(root, "server/db.integration-test.ts", "");
    expect(productionBuildIsFresh(root)).toBe(true);
  });

  it("is false when the fingerprint exists but the build does not", () => {
    const root = project({ built: true });
    fs.rmSync(path.join(root, ".next/BUILD_ID"));
    expect(productionBuildIsFresh(root)).toBe(false);
  });
});
