import type { UnderstoodQuestion } from "../../question";
import { askSentence, factsToAsk } from "./ask";
import { type Sentence, uncited } from "./cite";
import { contrastSentence, outcomeSentence, weakSentence } from "./common";
import type { LoanFacts } from "./loans";
import { WHAT_MATTERS } from "./protected";
import { statedSentence } from "./stated";
import type { MatchStrength } from "./strength";

/** Anything else: what the similar loans show, briefly, or what matters and what to tell us. */
export function generalAnswer(q: UnderstoodQuestion, loans: LoanFacts[], strength: MatchStrength): Sentence[] {
  const stated = statedSentence(q.facets);
  if (strength.weak || loans.length === 0) {
    const ask = askSentence(factsToAsk(q), "I can compare them with similar past loans");
    return [
      weakSentence(strength, "I will not draw conclusions from them"),
      uncited(WHAT_MATTERS),
      ...(ask ? [uncited(ask)] : []),
    ];
  }
  const contrast = contrastSentence(loans);
  return [outcomeSentence(loans, strength), ...(contrast ? [contrast] : []), ...(stated ? [uncited(stated)] : [])];
}
