/** What a shadow replay found, stored with the release and shown in the promote dialog. */
export interface ShadowReplaySummary {
  /** The production release the candidate was compared with. */
  baseline: string;
  questions: number;
  /** Mean over questions of |top-5 candidate ∩ top-5 production| / 5. */
  meanTop5Overlap: number;
  /** Questions production did not flag and the candidate did, and the reverse. */
  biasFlagsGained: number;
  biasFlagsLost: number;
  meanAdviceChars: { baseline: number; candidate: number };
  latencyMs: { baselineP50: number; baselineP95: number; candidateP50: number; candidateP95: number };
  /** Questions the candidate failed to answer. */
  errors: number;
  /** The policy the verdict was reached under. */
  policy: { minMeanTop5Overlap: number; maxNewBiasFlags: number };
  passed: boolean;
  reasons: string[];
}
