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

/** What the fairness gate reads of an audit (server/fairness-audits). */
export interface AuditForGate {
  id: number;
  status: "queued" | "running" | "passed" | "failed" | "error";
  threshold: number | null;
  cases: number;
  done: number;
  summary: { attributes: Record<string, { score: number; ci: [number, number]; passed: boolean }> } | null;
  error: string | null;
}

/**
 * A release passes when every protected attribute's counterfactual score is within its bias
 * policy's threshold; with no audit of its composition yet it waits (blocked) for one.
 */
export function fairnessAuditGate(audit: AuditForGate | null): GateResult {
  if (!audit) {
    return {
      name: "fairness-audit",
      status: "pending",
      blocking: true,
      reason: "no counterfactual fairness audit of this release yet: the worker queues one (or run fairness audit)",
    };
  }
  if (audit.status === "queued" || audit.status === "running") {
    return {
      name: "fairness-audit",
      status: "pending",
      blocking: true,
      reason: `fairness audit ${audit.id} is ${audit.status} (${audit.done} of ${audit.cases} cases)`,
    };
  }
  if (audit.status === "error" || !audit.summary) {
    return gate("fairness-audit", false, `fairness audit ${audit.id} failed to run: ${audit.error ?? "no result"}`);
  }
  const threshold = audit.threshold ?? 0;
  const scores = Object.entries(audit.summary.attributes);
  const over = scores.filter(([, score]) => !score.passed);
  const worst = [...scores].sort(([, a], [, b]) => b.score - a.score)[0];
  return gate(
    "fairness-audit",
    over.length === 0,
    over.length === 0
      ? `audit ${audit.id}: every attribute within ${threshold}` +
          (worst ? ` (highest: ${worst[0]} ${worst[1].score.toFixed(3)})` : "")
      : `audit ${audit.id}: ` +
          over.map(([attribute, score]) => `${attribute} ${score.score.toFixed(3)} > ${threshold}`).join(", "),
  );
}

export const failingGates = (gates: GateResult[]) => gates.filter((g) => g.blocking);
