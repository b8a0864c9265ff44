import { describe, expect, it } from "vitest";
import { compareReplay, percentile, top5Overlap } from "./compare";

const answer = (sources: number[], flagged = false, adviceChars = 100, latencyMs = 10) => ({
  sources,
  flagged,
  adviceChars,
  latencyMs,
});
const policy = { minMeanTop5Overlap: 0.6, maxNewBiasFlags: 0 };

describe("top-5 overlap", () => {
  it("counts shared sources over five, or over the longer list when one is shorter", () => {
    expect(top5Overlap([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBe(1);
    expect(top5Overlap([1, 2, 3, 4, 5], [1, 2, 9, 8, 7])).toBe(0.4);
    expect(top5Overlap([1, 2], [1, 2, 3])).toBeCloseTo(2 / 3);
    expect(top5Overlap([1, 2, 3], [])).toBe(0);
    expect(top5Overlap([], [])).toBe(1);
  });
});

describe("nearest-rank percentile", () => {
  it("takes the value at rank ceil(p/100 × n)", () => {
    // n = 20: p50 → rank 10 → 10; p95 → rank 19 → 19.
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([], 95)).toBe(0);
  });
});

describe("comparing a replay with production", () => {
  it("passes a candidate close to production and reports what moved", () => {
    const summary = compareReplay(
      [
        { production: answer([1, 2, 3, 4, 5], false, 100, 10), candidate: answer([1, 2, 3, 4, 5], false, 120, 30) },
        { production: answer([6, 7, 8, 9, 10], true, 200, 20), candidate: answer([6, 7, 8, 11, 12], false, 180, 40) },
      ],
      policy,
      "1.0.0",
    );
    // Overlaps 1 and 0.6 → mean 0.8; one flag lost, none gained; chars (100+200)/2 and (120+180)/2.
    expect(summary).toMatchObject({
      baseline: "1.0.0",
      questions: 2,
      meanTop5Overlap: 0.8,
      biasFlagsGained: 0,
      biasFlagsLost: 1,
      meanAdviceChars: { baseline: 150, candidate: 150 },
      latencyMs: { baselineP50: 10, baselineP95: 20, candidateP50: 30, candidateP95: 40 },
      errors: 0,
      passed: true,
      reasons: ["mean top-5 overlap 0.800 ≥ 0.6; 0 answers newly flagged (at most 0 allowed)"],
    });
  });

  it("fails on low overlap, a new bias flag or a failed question, naming each", () => {
    const summary = compareReplay(
      [
        { production: answer([1, 2, 3, 4, 5]), candidate: answer([1, 9, 8, 7, 6], true) },
        { production: answer([1, 2, 3, 4, 5]), candidate: { ...answer([]), error: "analyzer down" } },
      ],
      policy,
      "1.0.0",
    );
    expect(summary.passed).toBe(false);
    expect(summary.meanTop5Overlap).toBe(0.2);
    expect(summary.reasons).toEqual([
      "mean top-5 overlap 0.200 is below the required 0.6",
      "1 answers newly flagged for bias (at most 0 allowed)",
      "1 of 2 questions failed on the candidate",
    ]);
  });

  it("passes when there is nothing to compare yet, and says so", () => {
    const summary = compareReplay([], policy, "1.0.0");
    expect(summary.passed).toBe(true);
    expect(summary.reasons).toEqual(["no production questions are stored yet: there was nothing to compare"]);
  });
});
