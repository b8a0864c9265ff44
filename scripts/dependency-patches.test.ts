import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { v4 as coreV4, v7 as coreV7 } from "@langchain/core/utils/uuid";
import { tempDir, writeFile } from "@/test/files";
import { applyAllPatches, applyPatch, installedCopies, parsePatchName, patchedFiles } from "./dependency-patches";

const root = path.resolve(import.meta.dirname, "..");

/** A project with `fake-pkg@version` installed (lib/a.js says "one") and a patch to "two" for 1.0.0. */
function project(version = "1.0.0") {
  const dir = tempDir();
  writeFile(dir, "node_modules/fake-pkg/package.json", JSON.stringify({ name: "fake-pkg", version }));
  writeFile(dir, "node_modules/fake-pkg/lib/a.js", "one\n");
  writeFile(
    dir,
    "patches/fake-pkg+1.0.0.patch",
    ["--- a/lib/a.js", "+++ b/lib/a.js", "@@ -1 +1 @@", "-one", "+two", ""].join("\n"),
  );
  return {
    dir,
    file: path.join(dir, "node_modules/fake-pkg/lib/a.js"),
    patch: path.join(dir, "patches/fake-pkg+1.0.0.patch"),
  };
}

describe("parsePatchName", () => {
  it("reads scoped and unscoped package names and the version", () => {
    expect(parsePatchName("@langchain+core+1.4.0.patch")).toEqual({ name: "@langchain/core", version: "1.4.0" });
    expect(parsePatchName("langsmith+0.12.0.patch")).toEqual({ name: "langsmith", version: "0.12.0" });
  });

  it("names a file that does not follow <package>+<version>.patch", () => {
    expect(() => parsePatchName("fix-uuid.patch")).toThrow(/fix-uuid\.patch is not named <package>\+<version>\.patch/);
  });
});

describe("applyPatch", () => {
  it("applies once, then says it is already applied", () => {
    const { dir, file, patch } = project();
    expect(applyPatch(dir, patch).map((o) => o.result)).toEqual(["applied"]);
    expect(fs.readFileSync(file, "utf8")).toBe("two\n");
    expect(applyAllPatches(dir).map((o) => o.result)).toEqual(["already applied"]);
    expect(fs.readFileSync(file, "utf8")).toBe("two\n");
  });

  it("finds nested copies of the package", () => {
    const { dir, patch } = project();
    writeFile(dir, "node_modules/host/node_modules/fake-pkg/package.json", JSON.stringify({ version: "1.0.0" }));
    writeFile(dir, "node_modules/host/node_modules/fake-pkg/lib/a.js", "one\n");
    expect(installedCopies(dir, "fake-pkg")).toHaveLength(2);
    expect(applyPatch(dir, patch).map((o) => o.result)).toEqual(["applied", "applied"]);
  });

  it("leaves another version alone and says which is installed", () => {
    const { dir, file, patch } = project("1.1.0");
    expect(applyPatch(dir, patch)).toEqual([
      expect.objectContaining({ result: "other version", installedVersion: "1.1.0" }),
    ]);
    expect(fs.readFileSync(file, "utf8")).toBe("one\n");
  });

  it("fails, naming the package, when the files differ from the release the patch was made against", () => {
    const { dir, file, patch } = project();
    fs.writeFileSync(file, "changed upstream\n");
    expect(() => applyPatch(dir, patch)).toThrow(/fake-pkg\+1\.0\.0\.patch does not apply to .*fake-pkg@1\.0\.0/);
  });

  it("does not write through a hard link into another checkout's copy", () => {
    const { dir, file, patch } = project();
    const other = path.join(tempDir(), "a.js");
    fs.linkSync(file, other);
    applyPatch(dir, patch);
    expect(fs.readFileSync(file, "utf8")).toBe("two\n");
    expect(fs.readFileSync(other, "utf8")).toBe("one\n");
  });

  it("lists the files a patch changes", () => {
    const text = fs.readFileSync(path.join(root, "patches/langsmith+0.12.0.patch"), "utf8");
    expect(patchedFiles(text)).toEqual(["lib/utils/uuid/src/rng.js", "lib/utils/uuid/src/rng.mjs"]);
  });
});

describe("the pooled uuid RNG (patches/)", () => {
  it("is applied to every installed copy it was made for", () => {
    for (const patch of fs.readdirSync(path.join(root, "patches"))) {
      const { name, version } = parsePatchName(patch);
      const copies = installedCopies(root, name).filter(
        (dir) =>
          (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version ===
          version,
      );
      expect(copies.length, `${name}@${version} installed`).toBeGreaterThan(0);
      for (const dir of copies) {
        // --reverse --check succeeds only when every hunk is already in place.
        execFileSync("git", ["apply", "-p1", "--reverse", "--check", path.join(root, "patches", patch)], { cwd: dir });
      }
    }
  });

  it("gives fresh 16-byte arrays that later calls and refills do not overwrite", async () => {
    for (const dir of installedCopies(root, "langsmith")) {
      const { default: rng } = (await import(pathToFileURL(path.join(dir, "lib/utils/uuid/src/rng.mjs")).href)) as {
        default: () => Uint8Array;
      };
      // 40 draws span two refills of the 256-byte pool.
      const draws = Array.from({ length: 40 }, () => rng());
      const copies = draws.map((bytes) => Buffer.from(bytes).toString("hex"));
      for (let i = 0; i < 40; i++) rng();
      expect(draws.every((bytes) => bytes.length === 16)).toBe(true);
      expect(draws.map((bytes) => Buffer.from(bytes).toString("hex"))).toEqual(copies);
      expect(new Set(copies).size).toBe(40);
    }
  });

  it("keeps v4 and v7 ids well-formed and unique", async () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const makers: [string, () => string, RegExp][] = [
      // With arguments, core's v4 takes its bytes from rng() instead of crypto.randomUUID().
      ["@langchain/core v4", () => coreV4({}), v4],
      ["@langchain/core v7", () => coreV7(), v7],
    ];
    for (const dir of installedCopies(root, "langsmith")) {
      const src = path.join(dir, "lib/utils/uuid/src");
      const { default: lsV4 } = (await import(pathToFileURL(path.join(src, "v4.mjs")).href)) as {
        default: (o: object) => string;
      };
      const { default: lsV7 } = (await import(pathToFileURL(path.join(src, "v7.mjs")).href)) as {
        default: () => string;
      };
      makers.push(["langsmith v4", () => lsV4({}), v4], ["langsmith v7", () => lsV7(), v7]);
    }
    for (const [name, make, format] of makers) {
      const ids = Array.from({ length: 5000 }, make);
      expect(
        ids.filter((id) => !format.test(id)),
        name,
      ).toEqual([]);
      expect(new Set(ids).size, name).toBe(ids.length);
    }
  });
});
