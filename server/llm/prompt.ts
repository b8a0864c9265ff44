import { neutralize } from "../embedding";
import { understandQuestion, type UnderstoodQuestion } from "../question";
import type { RetrievedProfile } from "../rag";
import type { AnalyzerInput } from "./analyzer";
import { FACT_WORDS } from "./grounded-v2/ask";
import { statedPhrases } from "./grounded-v2/stated";
import { WEAK_MATCH_MEDIAN, matchStrength, similarity } from "./grounded-v2/strength";
import { asksAboutTiming } from "./grounded-v2/timing";
import { dollars } from "./grounded-v2/words";

/**
 * The grounding prompt shared by the llama and OpenAI-compatible providers. The model sees the
 * retrieved loans without their state and zip code: location is a proxy for protected classes,
 * so advice must not be able to condition on it, not merely be told not to. The rules are
 * grounded-v2's: answer the kind of question asked, state only facts the borrower gave, disclose
 * weak matches and ask instead of judging, and rule protected characteristics out when asked.
 * The user message carries what APFA understood of the question, so the model need not guess it.
 */

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/**
 * The registered prompt's text (prompt 1.0.0 is this): `{maxTokens}` is filled in when it is used.
 * A release may name another prompt version, whose text the serving decision hands the analyzer.
 */
export const SYSTEM_PROMPT_TEMPLATE = [
  "You are a loan advisor. Answer the question the borrower asked, of the kind given in the message. For a comparison, say what happened to the similar loans at each option and how many loans each figure rests on; if an option has fewer than two loans, say that is too few to judge it. For how much to borrow, give a range from the similar loans that were repaid. For should I, assess the stated plan against the similar loans. If asked about timing or market conditions, say APFA has no information on them.",
  "Use ONLY the similar past loans listed in the message and the facts the borrower stated; do not invent loans, rates or rules that are not there. Never state a number as the borrower's unless they gave it: figures from other loans are what those loans had (\"the repaid loans had utilization of 20-40%\"), not the borrower's.",
  "Say how similar the loans are. If the match is marked weak, or facts are listed as not stated, say so and ask for the two or three missing facts instead of giving a verdict.",
  "Race, colour, religion, national origin, sex, marital status, age, disability, familial status and receipt of public assistance are never a factor, nor is location (state, zip code, neighbourhood), which stands in for them: never base advice on them or mention them, unless the borrower asks whether one will hurt their chances. Then say APFA does not use it and that lenders may not discriminate on it under the Equal Credit Opportunity Act (Regulation B); for age, that a creditor may not hold it against an applicant able to contract, except that an empirically derived, demonstrably and statistically sound scoring system may use it without giving an applicant 62 or older a negative factor or value, a judgmental review may weigh it only for a pertinent element of creditworthiness such as time until retirement, and it may favour an applicant 62 or older; marital status may be asked about only in limited cases (joint credit, community-property states) and never counted against them; public assistance income must be counted like other income; disability and familial status are protected by the Fair Housing Act for home-related credit. Then say what does matter: income, debt-to-income, utilization, payment history, recent inquiries, amount and term.",
  "Reply in plain prose of at most {maxTokens} tokens.",
].join("\n");

export function systemPrompt(maxTokens: number, template: string = SYSTEM_PROMPT_TEMPLATE): string {
  return template.replaceAll("{maxTokens}", String(maxTokens));
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

const KIND: Record<UnderstoodQuestion["kind"], string> = {
  compare: "compare",
  how_much: "how much to borrow",
  should_i: "should I (a verdict on the stated plan)",
  will_it_hurt: "will it hurt my chances",
  general: "general",
};

/** "Question kind: compare (36 vs 60 months).", "Question kind: should I (…). It asks about timing." */
function kindLine(question: string, q: UnderstoodQuestion): string {
  const options = q.facets.termsCompared?.length
    ? ` (${q.facets.termsCompared.join(" vs ")} months)`
    : q.facets.amountsCompared?.length
      ? ` (${q.facets.amountsCompared.map(dollars).join(" vs ")})`
      : "";
  const timing = asksAboutTiming(question) ? " It asks about timing." : "";
  return `Question kind: ${KIND[q.kind]}${q.kind === "compare" ? options : ""}.${timing}`;
}

/** What APFA understood of the question, for the model to answer it rather than guess at it. */
export function understandingLines(question: string, q: UnderstoodQuestion, profiles: RetrievedProfile[]): string[] {
  const stated = statedPhrases(q.facets);
  const strength = matchStrength(profiles, q.facets);
  const lines = [kindLine(question, q), `Stated facts: ${stated.length ? stated.join("; ") : "none"}.`];
  if (q.missing.length)
    lines.push(`Not stated (ask, do not assume): ${q.missing.map((key) => FACT_WORDS[key]).join("; ")}.`);
  if (q.protected.length) {
    lines.push(
      `Protected characteristics asked about: ${q.protected.map((c) => c.replaceAll("_", " ")).join(", ")}. Never a factor: say so, with the law, then what does matter.`,
    );
  }
  if (q.mentionsLocation) lines.push("The question mentions a place: location is never used.");
  if (strength.median !== null) {
    lines.push(
      strength.weak
        ? `Match: weak (median similarity ${similarity(strength.median)}, below ${WEAK_MATCH_MEDIAN}): say so and ask for missing facts instead of a verdict.`
        : strength.median < WEAK_MATCH_MEDIAN
          ? `Match: median similarity ${similarity(strength.median)}, but the loans are close on the stated facts.`
          : `Match: median similarity ${similarity(strength.median)}.`,
    );
  }
  return lines;
}

export function userMessage(question: string, profiles: RetrievedProfile[]): string {
  const loans =
    profiles.length === 0
      ? "(no similar past loans were found)"
      : profiles
          .map((p, i) => `${i + 1}. Loan #${p.id} (similarity ${p.score.toFixed(2)}): ${withoutLocation(p)}`)
          .join("\n");
  const understood = understandingLines(question, understandQuestion(question), profiles).join("\n");
  // The model sees the question as retrieval does, without places or protected descriptors; what
  // it asks about them is in the lines above.
  return `Borrower's question: ${neutralize(question).trim()}\n\n${understood}\n\nSimilar past loans, most similar first:\n${loans}`;
}

export function promptMessages(
  input: Pick<AnalyzerInput, "question" | "profiles" | "maxTokens" | "systemPrompt">,
): ChatMessage[] {
  return [
    { role: "system", content: systemPrompt(input.maxTokens, input.systemPrompt) },
    { role: "user", content: userMessage(input.question, input.profiles) },
  ];
}
