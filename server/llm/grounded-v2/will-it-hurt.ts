import type { UnderstoodQuestion } from "../../question";
import { askSentence, factsToAsk } from "./ask";
import { type Sentence, uncited } from "./cite";
import { contrastSentence, outcomeSentence } from "./common";
import type { LoanFacts } from "./loans";
import { LOCATION_SENTENCE, WHAT_MATTERS, protectedSentences } from "./protected";
import { shouldIAnswer } from "./should-i";
import type { MatchStrength } from "./strength";

/**
 * "Will my age hurt my chances?": first that APFA does not use the characteristic and what the
 * law lets lenders do with it, then what does matter, grounded in the similar loans when they are
 * close enough. "Will a 60-month term hurt?" names no protected characteristic and is assessed
 * like a plan.
 */
export function willItHurtAnswer(
  question: string,
  q: UnderstoodQuestion,
  loans: LoanFacts[],
  strength: MatchStrength,
): Sentence[] {
  const location = q.mentionsLocation ? [uncited(LOCATION_SENTENCE)] : [];
  if (q.protected.length === 0) return [...location, ...shouldIAnswer(question, q, loans, strength)];

  // What the law says and what matters are rules, not anything a past loan had.
  const out = [...protectedSentences(q.protected).map(uncited), ...location, uncited(WHAT_MATTERS)];
  if (!strength.weak && loans.length > 0) {
    out.push(outcomeSentence(loans, strength));
    const contrast = contrastSentence(loans);
    if (contrast) out.push(contrast);
  } else {
    const ask = askSentence(factsToAsk(q), "I can compare your situation with similar loans");
    if (ask) out.push(uncited(ask));
  }
  return out;
}
