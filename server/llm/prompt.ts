import type { RetrievedProfile } from "../rag";
import type { AnalyzerInput } from "./analyzer";

/**
 * The grounding prompt shared by the llama and OpenAI-compatible providers. The model sees the
 * retrieved loans without their state and zip code: location is a proxy for protected classes,
 * so advice must not be able to condition on it, not merely be told not to.
 */

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

export function systemPrompt(maxTokens: number): string {
  return [
    "You are a loan advisor. Answer the borrower's question using ONLY the similar past loans listed in the message; do not invent loans, rates or rules that are not there.",
    "Be specific and quantitative: say how many of the similar loans were fully paid or charged off, and compare them on income, loan-to-income, revolving utilization, term, delinquencies and recent inquiries. Then give concrete steps tied to those numbers.",
    "Never mention or base advice on race, colour, religion, sex, marital status, age, national origin, disability, familial status or receipt of public assistance, nor on location (state, zip code, neighbourhood), which stands in for them.",
    "If the similar loans do not answer the question, say so briefly.",
    `Reply in plain prose of at most ${maxTokens} tokens.`,
  ].join("\n");
}

/**
 * The profile text without its location: the shipped corpus writes "for a renter in AZ (860xx),",
 * and other sources may carry the state or a 3-digit zip prefix anywhere in the text.
 */
export function withoutLocation(profile: Pick<RetrievedProfile, "text" | "fields">): string {
  let text = profile.text.replace(/ in [A-Z]{2} \(\d{3}xx\)/g, "");
  text = text.replace(/\s*\(?\b\d{3}xx\b\)?/g, "");
  const state = profile.fields.addr_state;
  if (typeof state === "string" && /^[A-Z]{2}$/.test(state)) {
    text = text.replace(new RegExp(`(\\s(in|from)\\s)?\\b${state}\\b`, "g"), "");
  }
  return text.replace(/ {2,}/g, " ").replace(/ ,/g, ",").trim();
}

export function userMessage(question: string, profiles: RetrievedProfile[]): string {
  const loans =
    profiles.length === 0
      ? "(no similar past loans were found)"
      : profiles
          .map((p, i) => `${i + 1}. Loan #${p.id} (similarity ${p.score.toFixed(2)}): ${withoutLocation(p)}`)
          .join("\n");
  return `Borrower's question: ${question.trim()}\n\nSimilar past loans, most similar first:\n${loans}`;
}

export function promptMessages(input: Pick<AnalyzerInput, "question" | "profiles" | "maxTokens">): ChatMessage[] {
  return [
    { role: "system", content: systemPrompt(input.maxTokens) },
    { role: "user", content: userMessage(input.question, input.profiles) },
  ];
}
