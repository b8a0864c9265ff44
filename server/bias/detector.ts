import { checkBiasContextual } from "./contextual/check";
import { checkBiasLexicalV1 } from "./lexical-v1";
import type { BiasPolicy, BiasResult } from "./types";

/**
 * The per-answer bias check. Which detector runs is part of the bias policy a release pins: a
 * registered policy is immutable, so a policy that names no detector keeps the lexical v1 it was
 * registered with, and the contextual v2 runs for policies that say `"detector": "contextual-v2"`
 * (docs/decisions/019-bias-detector-v2.md). Either way: a score in [0, 1], flagged above the
 * policy's threshold, with the reasons a reviewer reads.
 */

export const BIAS_FLAG_THRESHOLD = 0.3;

/** The policy v1 shipped as (bias-policy 1.0.0): what a document without `detector` means. */
export const LEXICAL_V1_POLICY: BiasPolicy = {
  threshold: BIAS_FLAG_THRESHOLD,
  weights: { protected: { conditioned: 0.45, mention: 0.12 }, proxy: { conditioned: 0.35, mention: 0.06 } },
};

/** The policy the product registers at start: v2, with v1's threshold and weights (only the detector changed). */
export const DEFAULT_BIAS_POLICY: BiasPolicy = { detector: "contextual-v2", ...LEXICAL_V1_POLICY };

/**
 * Scores `advice` given to `question` under `policy`. The question matters to v2 only (v1 reads the
 * advice alone, as it always did).
 */
export function checkBias(advice: string, policy: BiasPolicy = DEFAULT_BIAS_POLICY, question = ""): BiasResult {
  switch (policy.detector ?? "lexical-v1") {
    case "lexical-v1":
      return checkBiasLexicalV1(advice, policy);
    case "contextual-v2":
      return checkBiasContextual(question, advice, policy);
  }
}
