import type { ShadowReplaySummary } from "../../registry";

/** What the production release answered a question in the replay. */
export interface ProductionAnswer {
  sources: number[];
  flagged: boolean;
  adviceChars: number;
  latencyMs: number;
}

/** What the candidate answered the same question in the replay; `error` when it failed. */
export interface CandidateAnswer {
  sources: number[];
  flagged: boolean;
  adviceChars: number;
  latencyMs: number;
  error?: string;
}

export interface ReplayPolicy {
  minMeanTop5Overlap: number;
  maxNewBiasFlags: number;
}

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

/** Nearest-rank percentile (0 for no values). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** |top-5 ∩ top-5| / 5 — over the longer list when one returned fewer (a new empty answer is a miss). */
export function top5Overlap(production: number[], candidate: number[]): number {
  const a = new Set(production.slice(0, 5));
  const b = candidate.slice(0, 5);
  const size = Math.max(a.size, b.length);
  if (size === 0) return 1;
  return b.filter((id) => a.has(id)).length / size;
}

const mean = (values: number[]) => (values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : 0);

/**
 * Compares a candidate with what production answered the same questions, and reaches the gate's
 * verdict under `policy`: the mean top-5 overlap must reach the minimum, at most the allowed
 * number of questions may be newly flagged for bias, and every question must be answered.
 */
export function compareReplay(
  pairs: { production: ProductionAnswer; candidate: CandidateAnswer }[],
  policy: ReplayPolicy,
  baseline: string,
): ShadowReplaySummary {
  const answered = pairs.filter((pair) => !pair.candidate.error);
  const meanTop5Overlap = round(mean(answered.map((p) => top5Overlap(p.production.sources, p.candidate.sources))));
  const biasFlagsGained = answered.filter((p) => p.candidate.flagged && !p.production.flagged).length;
  const biasFlagsLost = answered.filter((p) => !p.candidate.flagged && p.production.flagged).length;
  const errors = pairs.length - answered.length;
  const baselineMs = pairs.map((p) => p.production.latencyMs);
  const candidateMs = answered.map((p) => p.candidate.latencyMs);
  const reasons: string[] = [];
  if (pairs.length === 0) reasons.push("no production questions are stored yet: there was nothing to compare");
  if (answered.length > 0 && meanTop5Overlap < policy.minMeanTop5Overlap) {
    reasons.push(`mean top-5 overlap ${meanTop5Overlap.toFixed(3)} is below the required ${policy.minMeanTop5Overlap}`);
  }
  if (biasFlagsGained > policy.maxNewBiasFlags) {
    reasons.push(`${biasFlagsGained} answers newly flagged for bias (at most ${policy.maxNewBiasFlags} allowed)`);
  }
  if (errors > 0) reasons.push(`${errors} of ${pairs.length} questions failed on the candidate`);
  const passed =
    errors === 0 && meanTop5Overlap >= policy.minMeanTop5Overlap && biasFlagsGained <= policy.maxNewBiasFlags;
  return {
    baseline,
    questions: pairs.length,
    meanTop5Overlap: pairs.length === 0 ? 1 : meanTop5Overlap,
    biasFlagsGained,
    biasFlagsLost,
    meanAdviceChars: {
      baseline: round(mean(pairs.map((p) => p.production.adviceChars)), 1),
      candidate: round(mean(answered.map((p) => p.candidate.adviceChars)), 1),
    },
    latencyMs: {
      baselineP50: percentile(baselineMs, 50),
      baselineP95: percentile(baselineMs, 95),
      candidateP50: percentile(candidateMs, 50),
      candidateP95: percentile(candidateMs, 95),
    },
    errors,
    policy,
    passed: pairs.length === 0 ? true : passed,
    reasons:
      passed && pairs.length > 0
        ? [
            `mean top-5 overlap ${meanTop5Overlap.toFixed(3)} ≥ ${policy.minMeanTop5Overlap}; ` +
              `${biasFlagsGained} answers newly flagged (at most ${policy.maxNewBiasFlags} allowed)`,
          ]
        : reasons,
  };
}
