import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import config from "../vitest.config";

/** Settings that keep a test run honest; each was once missing and let a run pass that should not have. */

const root = path.resolve(import.meta.dirname, "..");

describe("test configuration", () => {
  it("vitest refuses .only everywhere, not only where CI is set", () => {
    expect(config.test?.allowOnly).toBe(false);
  });

  it(".ci/run exports CI=true before it runs any test", () => {
    const lines = fs.readFileSync(path.join(root, ".ci", "run"), "utf8").split("\n");
    const exported = lines.findIndex((line) => /^export CI=true$/.test(line.trim()));
    const firstNpm = lines.findIndex((line) => /^npm /.test(line.trim()));
    expect(exported).toBeGreaterThanOrEqual(0);
    expect(exported).toBeLessThan(firstNpm);
  });
});
