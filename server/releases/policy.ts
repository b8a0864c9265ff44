import { env } from "../env";

/** The promotion policy: what the gates demand and whether production needs a second person. */
export interface PromotionPolicy {
  fourEyes: boolean;
  minMeanTop5Overlap: number;
  maxNewBiasFlags: number;
  shadowQuestions: number;
  recallGate: "strict" | "epsilon";
}

export function promotionPolicy(): PromotionPolicy {
  return {
    fourEyes: env.APFA_FOUR_EYES,
    minMeanTop5Overlap: env.APFA_SHADOW_MIN_OVERLAP,
    maxNewBiasFlags: env.APFA_SHADOW_MAX_NEW_FLAGS,
    shadowQuestions: env.APFA_SHADOW_QUESTIONS,
    recallGate: env.APFA_RECALL_GATE,
  };
}
