import { describe, expect, it } from "vitest";
import {
  fairnessAuditGate,
  failingGates,
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

  it("lists exactly the blocking gates as failing", () => {
    const passedAudit = audit("passed", { sex: 0.01, age: 0.02 });
    const gates = [indexValidatedGate(index, "strict", 0.95), shadowReplayGate(null), fairnessAuditGate(passedAudit)];
    expect(failingGates(gates).map((g) => g.name)).toEqual(["index-validated", "shadow-replay"]);
  });
});

const audit = (status: "queued" | "running" | "passed" | "failed" | "error", scores: Record<string, number>) => ({
  id: 7,
  status,
  threshold: 0.3,
  cases: 240,
  done: status === "running" ? 12 : 240,
  summary:
    status === "passed" || status === "failed"
      ? {
          attributes: Object.fromEntries(
            Object.entries(scores).map(([attribute, score]) => [
              attribute,
              { score, ci: [score - 0.05, score + 0.05] as [number, number], passed: score <= 0.3 },
            ]),
          ),
        }
      : null,
  error: status === "error" ? "the analyzer is unreachable" : null,
});

describe("the fairness gate", () => {
  it("blocks a release with no audit, or one still running, until it has a verdict", () => {
    expect(fairnessAuditGate(null)).toMatchObject({ status: "pending", blocking: true });
    expect(fairnessAuditGate(audit("running", {}))).toMatchObject({
      status: "pending",
      blocking: true,
      reason: "fairness audit 7 is running (12 of 240 cases)",
    });
  });

  it("passes when every attribute is within the threshold, naming the highest score", () => {
    expect(fairnessAuditGate(audit("passed", { sex: 0.04, age: 0.11 }))).toEqual({
      name: "fairness-audit",
      status: "passed",
      blocking: false,
      reason: "audit 7: every attribute within 0.3 (highest: age 0.110)",
    });
  });

  it("fails naming each attribute over the threshold, and fails an audit that could not run", () => {
    expect(fairnessAuditGate(audit("failed", { sex: 0.42, age: 0.05, race_ethnicity: 0.31 }))).toMatchObject({
      status: "failed",
      blocking: true,
      reason: "audit 7: sex 0.420 > 0.3, race_ethnicity 0.310 > 0.3",
    });
    expect(fairnessAuditGate(audit("error", {}))).toMatchObject({
      status: "failed",
      reason: "fairness audit 7 failed to run: the analyzer is unreachable",
    });
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
