import { labelAdvice, type AuditAnswer } from "../fairness";
import { answerWithRelease } from "../serving";
import type { StoredAuditAnswer } from "./tables";

/** One audit question answered by the release under audit, with what is compared and what is stored. */
export interface AnsweredQuestion {
  compared: AuditAnswer;
  stored: StoredAuditAnswer;
  threshold: number;
}

/** Answers a question with the release (storing nothing, counting in no product metric) and labels the answer. */
export async function answerAuditQuestion(release: string, question: string): Promise<AnsweredQuestion> {
  const answer = await answerWithRelease(release, question, { embedAdvice: true });
  const { recommendation, amounts, rates } = labelAdvice(answer.advice);
  const label = recommendation === "none" ? null : recommendation;
  const sources = answer.sources.map((source) => source.id);
  return {
    compared: { advice: answer.advice, label, amounts, rates, sources, embedding: answer.adviceEmbedding ?? [] },
    stored: {
      question,
      advice: answer.advice,
      label,
      amounts,
      rates,
      sources,
      flagged: answer.bias?.flagged ?? false,
    },
    threshold: answer.biasThreshold,
  };
}
