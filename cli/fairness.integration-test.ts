import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { indexWith } from "@/test/index-fixture";
import { testRelease } from "@/test/releases";

/** `fairness audit` and `fairness audits` as an ML engineer types them (a separate process each). */

const ATTRIBUTES = ["sex", "race_ethnicity", "age", "marital_status", "national_origin", "public_assistance"];

let release = "";

beforeAll(async () => {
  await indexWith();
  release = await testRelease();
});

describe("fairness commands", () => {
  it("audit a release and print the contract's JSON; list audits; refuse bad input", async () => {
    const audited = await cli("fairness", "audit", "--release", release, "--wait", "--json");
    expect(audited).toMatchObject({ code: 0, stderr: "" });
    const json = JSON.parse(audited.stdout) as {
      release: string;
      cases: number;
      attributes: Record<string, { disparity: number; baseline: number; score: number; ci: number[]; passed: boolean }>;
      passed: boolean;
      auditId: number;
    };
    // The test environment audits 8 cases (test/setup/integration.ts).
    expect(json).toMatchObject({ release, cases: 8, passed: true, status: "passed" });
    expect(Object.keys(json.attributes).sort()).toEqual([...ATTRIBUTES].sort());
    for (const score of Object.values(json.attributes)) {
      expect(Object.keys(score).sort()).toEqual(["baseline", "ci", "disparity", "passed", "score"]);
      expect(score.score).toBeCloseTo(score.disparity - score.baseline, 12);
      expect(score.ci[0]).toBeLessThanOrEqual(score.score);
      expect(score.ci[1]).toBeGreaterThanOrEqual(score.score);
    }

    const listed = JSON.parse((await cli("fairness", "audits", "--release", release, "--json")).stdout) as {
      auditId: number;
      status: string;
    }[];
    expect(listed[0]).toMatchObject({ auditId: json.auditId, status: "passed" });

    const human = await cli("fairness", "audits", "--release", release);
    expect(human.stdout).toMatch(
      new RegExp(`^\\s*${json.auditId}\\s+${release.replaceAll(".", "\\.")}\\s+passed\\s+8/8 cases`),
    );

    const missing = await cli("fairness", "audit");
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain("fairness audit needs --release <version>");
    const unknown = await cli("fairness", "audit", "--release", "0.0.0-nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("0.0.0-nope");
  }, 240_000);
});
