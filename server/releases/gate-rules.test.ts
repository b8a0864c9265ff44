import { describe, expect, it } from "vitest";
import {
  failingGates,
  FAIRNESS_GATE,
  indexMatchesEmbedderGate,
  indexValidatedGate,
  shadowReplayGate,
} from "./gate-rules";
import { aliasPermission } from "./permissions";

const index = { version: "a".repeat(64), recall: 0.93, epsilonRecall: 0.97, embedderVersion: "hash-v2-384+neutral-v1" };
const summary = (passed: boolean, reasons: string[]) => ({
  baseline: "1.0.0",
  questions: 10,
  meanTop5Overlap: passed ? 0.9 : 0.2,
  biasFlagsGained: 0,
  biasFlagsLost: 0,
  meanAdviceChars: { baseline: 100, candidate: 100 },
  latencyMs: { baselineP50: 1, baselineP95: 2, candidateP50: 1, candidateP95: 2 },
  errors: 0,
  policy: { minMeanTop5Overlap: 0.6, maxNewBiasFlags: 0 },
  passed,
  reasons,
});

describe("gate verdicts", () => {
  it("reads strict recall unless the policy names ε-recall", () => {
    expect(indexValidatedGate(index, "strict", 0.95)).toEqual({
      name: "index-validated",
      status: "failed",
      blocking: true,
      reason: "recall@5 0.930 < 0.95",
    });
    expect(indexValidatedGate(index, "epsilon", 0.95)).toMatchObject({
      status: "passed",
      reason: "ε-recall@5 0.970 ≥ 0.95",
    });
    expect(indexValidatedGate({ ...index, recall: null }, "strict", 0.95).reason).toBe(
      "index aaaaaaaaaaaa has no recall@5: run index validate",
    );
  });

  it("fails an index built by another embedder than the release's", () => {
    expect(indexMatchesEmbedderGate(index, { ref: "e@1.0.0", engineVersion: index.embedderVersion }).status).toBe(
      "passed",
    );
    expect(
      indexMatchesEmbedderGate(index, { ref: "minilm@2.0.0", engineVersion: "minilm-l6@abc+neutral-v1" }).reason,
    ).toBe(
      "index aaaaaaaaaaaa was built with hash-v2-384+neutral-v1, but minilm@2.0.0 embeds with minilm-l6@abc+neutral-v1",
    );
  });

  it("keeps the shadow gate pending until a replay of this composition finished, and blocking meanwhile", () => {
    expect(shadowReplayGate(null)).toMatchObject({ status: "pending", blocking: true });
    expect(shadowReplayGate({ id: 4, status: "running", summary: null, error: null })).toMatchObject({
      status: "pending",
      reason: "shadow replay 4 is running",
    });
    expect(shadowReplayGate({ id: 5, status: "error", summary: null, error: "index missing" })).toMatchObject({
      status: "failed",
      reason: "shadow replay 5 failed to run: index missing",
    });
    expect(
      shadowReplayGate({ id: 6, status: "failed", summary: summary(false, ["low overlap"]), error: null }),
    ).toMatchObject({
      status: "failed",
      blocking: true,
      reason: "low overlap",
    });
    expect(shadowReplayGate({ id: 7, status: "passed", summary: summary(true, ["fine"]), error: null })).toMatchObject({
      status: "passed",
      blocking: false,
    });
  });

  it("lists exactly the blocking gates as failing (a not-applicable fairness gate never blocks)", () => {
    const gates = [indexValidatedGate(index, "strict", 0.95), shadowReplayGate(null), FAIRNESS_GATE];
    expect(failingGates(gates).map((g) => g.name)).toEqual(["index-validated", "shadow-replay"]);
  });
});

describe("who may move which alias", () => {
  it("lets ML engineers move staging and custom aliases, and production only with an approval", () => {
    expect(aliasPermission("ml_engineer", "staging", false)).toBe("allowed");
    expect(aliasPermission("ml_engineer", "canary", false)).toBe("allowed");
    expect(aliasPermission("ml_engineer", "production", false)).toBe("needs-approval");
    expect(aliasPermission("admin", "production", false)).toBe("allowed");
    expect(aliasPermission("admin", "production", true)).toBe("needs-approval");
    expect(aliasPermission("borrower", "staging", false)).toBe("forbidden");
  });
});
