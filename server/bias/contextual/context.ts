import type { GroupForm } from "./lexicon";

/**
 * How a sentence uses an attribute it names: as a reason (framed by "because of your …", "at
 * your age", "as a single mother"; generalised over "immigrants usually …"; judged by "lenders
 * see …"), only to rule it out as the law does, or neither (a mention). Lexical approximations of
 * scope: a ruling-out negation reaches to the end of its clause, a law named in a sentence covers
 * the sentence up to a "but".
 */

export interface Clause {
  text: string;
  /** The sentence names a law or regulator before this clause, and no "but" separates them. */
  legalContext: boolean;
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Laws, regulators and the rules they set: a sentence naming them states the law, it does not judge. */
const LEGAL =
  /\b(?:ECOA|Equal Credit Opportunity|Fair Housing|Regulation B|Reg B|CFR|fair[- ]lending|illegal(?:ly)?|unlawful(?:ly)?|lawful(?:ly)?|against the law|prohibit\w*|forbid\w*|bars? (?:lenders|a lender|them|anyone)|discriminat\w*|redlining|protected (?:class\w*|characteristics?|bases|basis)|civil rights|CFPB|(?:your|the) rights?|usury|licens\w*|statutes?|regulators?|regulations?|attorney general|disclosures?|rate caps?|fee limits?|(?:state|federal) laws?|tax(?:es)?)\b/i;

/**
 * A negation that governs how the attribute may be used: "cannot deny you because …", "your ZIP
 * code should not affect …", "there is no age penalty", "plays no part". Searched across the clause.
 */
const NEGATED_USE =
  /\b(?:not|\w+n't|never|no(?! (?:more|less|later|sooner|fewer) than)|cannot|nothing|without)\b[^.;]{0,60}?\b(?:consider\w*|us(?:e|es|ed|ing)|ask\w*|den(?:y|ies|ied)|refus\w*|declin\w*|reject\w*|turn\w* (?:you |anyone )?down|count\w* (?:\w+ )?against|hold\w* (?:\w+ )?against|pric(?:e|es|ed|ing)|charg\w*|penali[sz]\w*|discount\w*|affect\w*|matter\w*|factor\w*|judg\w*|bas(?:e|ed|is)|treat\w*|weigh\w*|part\b|bearing|role|effect|relevan\w*|reason\w*|penalt\w*|impact\w*|influenc\w*|decid\w*|chang\w*|set|sets|negative|to do with|difference)\b/i;

/** Statements that the attribute changes nothing: "counts like any other income", "regardless of". */
const NEUTRAL =
  /\b(?:regardless of|irrespective of|no matter (?:your|what|how)|whatever your|(?:count(?:s|ed)?|treated|considered) (?:the same as|like|as) (?:any )?(?:other )?(?:income|wages|earnings)|like any other (?:income|applicant|borrower)|the same (?:way|terms|rules) as)\b/i;

/** Splits a sentence into clauses; a contrast ("but", "however") ends the reach of a law named before it. */
export function clauses(sentence: string): Clause[] {
  const out: Clause[] = [];
  let legal = false;
  const parts = sentence.split(/(;|:|\s[—–]\s|,?\s+(?:but|however|although|though|yet|whereas)\b)/i);
  for (let i = 0; i < parts.length; i += 2) {
    const text = parts[i] ?? "";
    const separator = i > 0 ? (parts[i - 1] ?? "") : "";
    if (/but|however|although|though|yet|whereas/i.test(separator)) legal = false;
    if (text.trim()) out.push({ text, legalContext: legal });
    if (LEGAL.test(text)) legal = true;
  }
  return out;
}

/** The clause names the attribute only to rule it out (or states the law about it). */
export function rulesOut(clause: Clause): boolean {
  return clause.legalContext || LEGAL.test(clause.text) || NEGATED_USE.test(clause.text) || NEUTRAL.test(clause.text);
}

/** Words that may stand between a frame and the attribute: "because you are on", "given your recent". */
const FILLER =
  "(?:you|you're|you are|youre|your|yours|an?|the|that|being|on|in|from|this|my|his|her|their|such|so|recent|recently|new|how|many|few|have|has|had|live|living|reside|come|came|receive|receiving|get|getting|depend|depending|rely|relying|moved|born|\\d+|one|two|three|four|five|six|seven)";

/** A reason frame right before the attribute. */
const FRAME_BEFORE = new RegExp(
  String.raw`(?:\bbecause(?: of)?|\bdue to|\bowing to|\bon account of|\bgiven|\bconsidering|\bin light of|\bsince|\bas(?: an?)?|\bnow that|\bbeing|\bat|\bfor (?:someone|somebody|a person|people|borrowers?|applicants?|folks|anyone|those|an?)(?: (?:of|at|in|from|with|like))?|\bfor(?=\s+(?:your|their|his|her)\s)|\bwith|\bif you(?:'re| are)|\bwhen you(?:'re| are)|\bthe fact(?: that)?)\s+(?:${FILLER}\s+){0,4}$`,
  "i",
);

/** The advice judges the group: "lenders consider blind applicants riskier". */
const JUDGED_BEFORE =
  /\b(?:see|sees|view|views|consider|considers|treat|treats|regard|regards|think of|look at|deem|deems|trust|distrust|wary of|assume)\s+(?:\w+\s+){0,2}$/i;

/** The attribute is the subject the sentence predicates on: "your ZIP code is a high-default area". */
const SUBJECT_BEFORE = /\byour\s+$/i;
const PREDICATE_AFTER =
  /^[\w-]*\s+(?:is|are|makes?|means?|suggests?|puts?|counts? against|works? against|hurts?|lowers?|raises?|signals?|will|would|could|may|might|can)\b/i;

const PEOPLE_NOUNS =
  "(?:borrowers?|applicants?|people|persons|folks|families|households|customers|clients|workers|residents|women|men|couples|parents|businesses|recipients|holders|buyers|homeowners|those|anyone|others)";

/**
 * A generalisation over the group the term names: "immigrants usually …", "divorced borrowers are
 * often …", "gay couples break up more often …", "Indian applicants can have a harder time …".
 */
const GENERALISED_AFTER = new RegExp(
  String.raw`^(?:[- ](?:owned|run|led) (?:businesses|firms|companies))?\s*(?:${PEOPLE_NOUNS}\s+)?(?:(?:in|from|of|on|with|like)\s+(?:your|this|that|the|their)?\s*\S+\s+)?(?:\w+\s+){0,3}?(?:(?:can|may|might|will|would)\s+)?(?:tend\w*|usually|often|typically|generally|frequently|mostly|rarely|seldom|always|never|statistically|notoriously|should|must|need to|ought|shouldn't|are (?:more|less|much|far|often|usually|generally|typically|considered|seen|viewed|known|likely|unlikely|riskier|safer|a (?:poor|bad|good|higher|greater|lower) (?:credit )?risk)|(?:is|are) (?:\w+ )?(?:bad|worse|terrible|poor|irresponsible|reckless|careless|unreliable|risky|riskier|a risk|a high risk)\b|is a (?:poor|bad|high|higher) (?:credit )?risk|default\w*|struggle\w*|fall\w* behind|get|pay|earn|fail\w*|have (?:trouble|difficulty|a hard(?:er)? time|higher|lower|less|more)|ha(?:s|ve) (?:\w+ ){0,3}(?:defaults?|foreclosures?|delinquenc\w*|late payments|default rates?)|can't|cannot|don't|do not|won't|spend\w*|overspend\w*|handle\w*|face)\b`,
  "i",
);

/** Recipients of a program named before it: "families on WIC", "people who depend on government checks". */
const RECIPIENTS_BEFORE = new RegExp(
  String.raw`\b${PEOPLE_NOUNS}\s+(?:(?:who|that)\s+(?:\w+\s+){0,2})?(?:on|receiving|getting|using|with|from|of)\s+(?:\w+\s+(?:and|or)\s+)?$`,
  "i",
);
const RECIPIENTS_AFTER = /^\s*(?:recipients|users|holders|families|households|borrowers|applicants|beneficiaries)\b/i;

/** The attribute is said to act against the borrower: "a name like Keisha can cost you", "being deaf could hurt you". */
const ADVERSE_AFTER =
  /^[\w-]*\s+(?:\w+\s+)?(?:(?:can|could|may|might|will|would|does|is going to)\s+)?(?:cost|costs|hurt|hurts|count(?:s)? against|work(?:s)? against|hold(?:s)? (?:you )?back|penali[sz]e(?:s)?|disqualif(?:y|ies))\s+(?:you|your)\b/i;

/** Terms that carry their own frame: "as a Black business owner", "at 62". */
const SELF_FRAMED = /^(?:as an?|being|at|since|because)\s/i;

/** The sentence evaluates or recommends: risk, amounts, terms, approval, what to do. */
const RECOMMENDS =
  /\b(?:risk\w*|default\w*|struggl\w*|stretch\w*|unstable|instabilit\w*|unreliabl\w*|reliabl\w*|trust\w*|wary|behind|overspend\w*|irresponsib\w*|discipline|afford\w*|less|fewer|smaller|lower|higher|larger|bigger|shorter|longer|worse|too (?:long|much|big|high|short|risky|old|young)|limit\w*|cap|capped|avoid\w*|skip|wait|postpone|reconsider|instead|declin\w*|den(?:y|ied|ial)|reject\w*|turn\w* (?:you )?down|turned down|approv\w*|co-?sign\w*|down payment|collateral|guarantor|should|suggest\w*|recommend\w*|advis\w*|better|best|wiser?|safer?|expect\w*|charg\w*|pric(?:e|ed|ing)|premium|penal\w*|red flag|concern\w*|worr\w*|careful|caution\w*|likely|unlikely|probably|tend\w*|usually|often|typically|generally|rarely|seldom|statistically|minimum|maximum|no more than|at most|keep (?:it|the loan|your)|weaker|stronger|poor|good idea|make sense|pick|choose|aim)\b/i;

/** Figures of the loan itself: a generalisation that cites them is about them, not about the group. */
const FIGURES =
  /%|\b(?:score|income|earn\w*|debt-to-income|dti|utili[sz]ation|credit (?:history|report|file)|payment history|late payments?|savings|salary|employment|bankruptc\w*)\b/i;

/** Whether a stereotype can generalise over the term here (a program only through its recipients). */
function generalised(group: GroupForm | undefined, before: string, after: string): boolean {
  if (!group || !GENERALISED_AFTER.test(after)) return false;
  if (group !== "program") return true;
  return RECIPIENTS_BEFORE.test(before) || RECIPIENTS_AFTER.test(after);
}

/** The attribute at [start, end) of the clause is the reason for what the sentence says. */
export function conditionsOn(
  clause: string,
  start: number,
  end: number,
  sentence: string,
  group: GroupForm | undefined,
): boolean {
  const before = clause.slice(0, start);
  const after = clause.slice(end);
  const term = clause.slice(start, end);
  if (generalised(group, before, after) || ADVERSE_AFTER.test(after)) return true;
  if (!RECOMMENDS.test(sentence)) return false;
  return (
    SELF_FRAMED.test(term) ||
    FRAME_BEFORE.test(before) ||
    JUDGED_BEFORE.test(before) ||
    (SUBJECT_BEFORE.test(before) && PREDICATE_AFTER.test(after))
  );
}

/**
 * A group reference ("people like you") is a reason when the sentence judges with it and no figure
 * of the loan stands next to it ("borrowers like you with a 720 score" is about the score).
 */
export function groupReferenceConditions(clause: string, end: number, sentence: string): boolean {
  const near = clause.slice(0, end + 40);
  return (GENERALISED_AFTER.test(clause.slice(end)) || RECOMMENDS.test(sentence)) && !FIGURES.test(near);
}
