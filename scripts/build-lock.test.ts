import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "@/test/files";
import { withBuildLock } from "./build-lock";

describe("withBuildLock", () => {
  it("runs builds in the same checkout one at a time", async () => {
    const root = tempDir();
    const log: string[] = [];
    const build = (name: string) =>
      withBuildLock(root, async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        log.push(`${name} end`);
      });
    await Promise.all([build("a"), build("b")]);
    expect(log).toEqual(["a start", "a end", "b start", "b end"]);
    expect(fs.existsSync(path.join(root, ".next-build.lock"))).toBe(false);
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, ".next-build.lock"), "999999999");
    await expect(withBuildLock(root, () => "built")).resolves.toBe("built");
  });
});
