import type { UnderstoodQuestion } from "../../question";
import type { RetrievedProfile } from "../../rag";
import type { Sentence } from "./cite";
import { compareAnswer } from "./compare";
import { generalAnswer } from "./general";
import { howMuchAnswer } from "./how-much";
import { loanFacts } from "./loans";
import { shouldIAnswer } from "./should-i";
import { matchStrength } from "./strength";
import { willItHurtAnswer } from "./will-it-hurt";

/**
 * grounded-v2's advice as sentences, most important first: the answer to the kind of question
 * asked, from the retrieved loans and the facts the question states, each with what it was
 * written from (./cite.ts). It takes the understood question rather than parsing it, so each kind
 * can be tested on exactly the facets it states.
 */
export function composeCitedAdviceV2(
  question: string,
  understood: UnderstoodQuestion,
  profiles: RetrievedProfile[],
): Sentence[] {
  const loans = profiles.map(loanFacts);
  const strength = matchStrength(profiles, understood.facets);
  switch (understood.kind) {
    case "compare":
      // A comparison whose options were not understood is answered as a general question.
      return compareAnswer(question, understood, loans, strength) ?? generalAnswer(understood, loans, strength);
    case "how_much":
      return howMuchAnswer(understood, loans, strength);
    case "should_i":
      return shouldIAnswer(question, understood, loans, strength);
    case "will_it_hurt":
      return willItHurtAnswer(question, understood, loans, strength);
    case "general":
      return generalAnswer(understood, loans, strength);
  }
}

/** The sentences alone. */
export function composeAdviceV2(question: string, understood: UnderstoodQuestion, profiles: RetrievedProfile[]) {
  return composeCitedAdviceV2(question, understood, profiles).map((s) => s.text);
}
