import { extractFacets } from "./extract";
import { markPlaces, PROTECTED_PATTERNS } from "../embedding";
import type { ProtectedCategory, QuestionFacets, QuestionKind, UnderstoodQuestion } from "./types";

/**
 * What a borrower's question states and asks. The kind decides what an answer must do (compare
 * the options, give a range, give a verdict or ask for facts, address a characteristic); `missing`
 * names the facts that answer needs and the question lacks, so the advisor asks for them instead
 * of guessing.
 */

const HURT =
  /\b(?:hurt|harm|affect|impact|count(?:s|ed)? against|held against|hold (?:it|that) against|matter|disqualif\w*|lower|reduce|discriminat\w*|deny|denied|turn(?:ed)? down|reject\w*|penali[sz]\w*)\b/i;
const CHANCES = /\b(?:chances?|approv\w*|application|qualif\w*|odds|rate|score|eligib\w*|loan|credit|me|them)\b/i;
const COMPARE =
  /\b(?:which (?:\w+ )?(?:is |would be )?better|better to|or should i|versus|vs\.?|compare|difference between|(?:shorter|longer)(?: (?:term|loan))? or (?:a )?(?:shorter|longer))\b/i;
const HOW_MUCH =
  /\b(?:how (?:much|big|large)|what (?:amount|size|loan amount)|max(?:imum)? (?:loan|amount|i can)|(?:the )?most i (?:can|could|should)|(?:largest|biggest) loan|(?:safe|reasonable|sensible|right) (?:amount|loan (?:size|amount))|can i afford|afford)\b/i;
/** "Can I afford a $15k loan?" names the amount: it asks for a verdict on it, not for an amount. */
const AFFORD_STATED = /\bafford\b/i;
const SHOULD_I =
  /\b(?:sh(?:ould|oud|uld) i|should (?:we|my \w+ and i)|do you think (?:i|we) should|is (?:it|this|that|now) (?:a )?(?:good|bad|wise|smart|ok|okay|safe|reasonable|worth)|good (?:time|idea)|worth it|can i (?:get|borrow|take|qualify)|could i (?:get|borrow)|would (?:it|i) be|do you recommend|recommend|too much|makes? sense|am i (?:able|likely)|will i (?:get|be approved|qualify))\b/i;
/** A verdict asked of a stated plan: "is borrowing $8,000 over 36 months OK?", "… a bad move?", "would it be a mistake". */
const VERDICT_ASKED =
  /\b(?:is|would|will)\b[^.?!]{0,80}\b(?:ok|okay|reasonable|wise|dumb|smart|(?:a )?mistake|(?:a )?(?:good|bad|smart|wise) (?:move|call|choice|idea))\b/i;
/** A protected characteristic asked about without "hurt": "does my religion matter?", "do you use my race?". */
const CONCERN =
  /\b(?:matter|harder|(?:a )?problem|work against|against me|mean i can'?t|do you (?:use|consider|look at)|held against|hold (?:it|that|this) against)\b/i;

function kindOf(text: string, facets: QuestionFacets, protectedMentioned: boolean): QuestionKind {
  const hurts = HURT.test(text) && CHANCES.test(text);
  if (hurts && (protectedMentioned || /\bwill (?:my|being|having|the fact)\b|\bdoes (?:my|being|having)\b/i.test(text)))
    return "will_it_hurt";
  if (protectedMentioned && CONCERN.test(text)) return "will_it_hurt";
  if (facets.termsCompared || facets.amountsCompared || COMPARE.test(text)) return "compare";
  const howMuch = HOW_MUCH.exec(text);
  const affordStated = howMuch !== null && AFFORD_STATED.test(howMuch[0]) && facets.amount !== undefined;
  if (howMuch && !affordStated) return "how_much";
  if (affordStated || SHOULD_I.test(text) || VERDICT_ASKED.test(text)) return "should_i";
  if (hurts) return "will_it_hurt";
  return "general";
}

/** The facts an answer of this kind needs, most important first. */
function needs(kind: QuestionKind, facets: QuestionFacets): (keyof QuestionFacets)[] {
  switch (kind) {
    case "should_i":
      return ["income", "amount", "termMonths"];
    case "how_much":
      return ["income"];
    case "compare":
      // The options compared, if the question names none ("which term is better?"), and the income.
      return facets.termsCompared || facets.amountsCompared ? ["income"] : ["income", "termsCompared"];
    default:
      return [];
  }
}

function isStated(facets: QuestionFacets, key: keyof QuestionFacets): boolean {
  if (key === "amount") return facets.amount !== undefined || facets.amountsCompared !== undefined;
  if (key === "termMonths") return facets.termMonths !== undefined || facets.termsCompared !== undefined;
  if (key === "termsCompared") return facets.termsCompared !== undefined || facets.amountsCompared !== undefined;
  return facets[key] !== undefined;
}

export function protectedCategoriesIn(text: string): ProtectedCategory[] {
  return PROTECTED_PATTERNS.filter(([, pattern]) => new RegExp(pattern.source, "i").test(text)).map(
    ([category]) => category,
  );
}

export function understandQuestion(question: string): UnderstoodQuestion {
  const facets = extractFacets(question);
  const protectedCategories = protectedCategoriesIn(question);
  const kind = kindOf(question, facets, protectedCategories.length > 0);
  return {
    facets,
    kind,
    protected: protectedCategories,
    mentionsLocation: markPlaces(question).found,
    missing: needs(kind, facets).filter((key) => !isStated(facets, key)),
  };
}
