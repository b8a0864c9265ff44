import type { ShadowReplaySummary, ShadowStatus } from "../registry";

/** One named check a release must pass before it may serve production. */
export interface GateResult {
  name:
    | "index-validated"
    | "index-matches-embedder"
    | "artifacts-verified"
    | "analyzer-answers"
    | "shadow-replay"
    | "fairness-audit";
  status: "passed" | "failed" | "pending" | "not-applicable";
  /** Whether promotion stops here unless an admin overrides it. */
  blocking: boolean;
  reason: string;
}

/** The verdicts, apart from the lookups they need: each is a pure function of what was found. */

export const gate = (name: GateResult["name"], ok: boolean, reason: string): GateResult => ({
  name,
  status: ok ? "passed" : "failed",
  blocking: !ok,
  reason,
});

export function indexValidatedGate(
  index: { version: string; recall: number | null; epsilonRecall: number | null },
  measure: "strict" | "epsilon",
  minRecall: number,
): GateResult {
  const recall = measure === "epsilon" ? index.epsilonRecall : index.recall;
  const name = measure === "epsilon" ? "ε-recall@5" : "recall@5";
  if (recall === null) {
    return gate("index-validated", false, `index ${index.version.slice(0, 12)} has no ${name}: run index validate`);
  }
  const ok = recall >= minRecall;
  return gate("index-validated", ok, `${name} ${recall.toFixed(3)} ${ok ? "≥" : "<"} ${minRecall}`);
}

export function indexMatchesEmbedderGate(
  index: { version: string; embedderVersion: string },
  embedder: { ref: string; engineVersion: string },
): GateResult {
  const ok = index.embedderVersion === embedder.engineVersion;
  return gate(
    "index-matches-embedder",
    ok,
    ok
      ? `index built with ${embedder.engineVersion}`
      : `index ${index.version.slice(0, 12)} was built with ${index.embedderVersion}, but ${embedder.ref} embeds with ${embedder.engineVersion}`,
  );
}

export function shadowReplayGate(
  replay: { id: number; status: ShadowStatus; summary: ShadowReplaySummary | null; error: string | null } | null,
): GateResult {
  if (!replay)
    return { name: "shadow-replay", status: "pending", blocking: true, reason: "no shadow replay yet: request one" };
  if (replay.status === "queued" || replay.status === "running") {
    return {
      name: "shadow-replay",
      status: "pending",
      blocking: true,
      reason: `shadow replay ${replay.id} is ${replay.status}`,
    };
  }
  if (replay.status === "error" || !replay.summary) {
    return gate("shadow-replay", false, `shadow replay ${replay.id} failed to run: ${replay.error ?? "no result"}`);
  }
  return gate("shadow-replay", replay.summary.passed, replay.summary.reasons.join("; "));
}

export const FAIRNESS_GATE: GateResult = {
  name: "fairness-audit",
  status: "not-applicable",
  blocking: false,
  reason: "no counterfactual fairness audit exists yet; it becomes a gate when audits do",
};

export const failingGates = (gates: GateResult[]) => gates.filter((g) => g.blocking);
