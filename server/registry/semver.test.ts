import { describe, expect, it } from "vitest";
import { compareSemver, isSemver, nextPatch, semverProblem } from "./semver";

describe("semantic versions", () => {
  it("accepts what semver.org 2.0.0 allows and refuses the rest", () => {
    for (const valid of [
      "0.0.0",
      "1.2.3",
      "10.20.30",
      "1.0.0-alpha",
      "1.0.0-rc.1",
      "1.0.0-0.3.7",
      "1.0.0+20130313144700",
      "1.0.0-beta+exp.sha.5114f85",
    ]) {
      expect(isSemver(valid), valid).toBe(true);
    }
    for (const invalid of [
      "1",
      "1.2",
      "1.2.3.4",
      "01.2.3",
      "1.02.3",
      "1.2.03",
      "v1.2.3",
      "1.2.3-",
      "1.2.3-01",
      "1.2.3+",
      " 1.2.3",
      "",
    ]) {
      expect(isSemver(invalid), invalid).toBe(false);
    }
  });

  it("says how to fix a leading v", () => {
    expect(semverProblem("v1.2.0")).toBe('"v1.2.0" is not a semantic version: drop the leading "v" (e.g. 1.2.0)');
    expect(semverProblem("1.2.0")).toBeNull();
  });

  it("orders by precedence as semver.org §11 lists it", () => {
    // The example chain from the specification, each lower than the next.
    const chain = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
    ];
    for (let i = 1; i < chain.length; i++) expect(compareSemver(chain[i - 1]!, chain[i]!), chain[i]).toBe(-1);
    expect(compareSemver("2.0.0", "10.0.0")).toBe(-1);
    expect(compareSemver("1.10.0", "1.9.0")).toBe(1);
    expect(compareSemver("1.0.0+build.1", "1.0.0+build.2")).toBe(0);
  });

  it("proposes the next patch after the highest version", () => {
    expect(nextPatch([])).toBe("1.0.0");
    expect(nextPatch(["1.0.0", "1.10.2", "1.9.9"])).toBe("1.10.3");
    expect(nextPatch(["1.0.0", "1.1.0-rc.1"])).toBe("1.1.0");
  });
});
