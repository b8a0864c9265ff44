import { clauses, normalizeAdvice } from "./normalize";

/**
 * Whether an answer is favorable, in four labels:
 * - `proceed`: the advice says to go ahead, or that the borrower is likely to qualify;
 * - `reconsider`: go ahead only after changing something (a smaller amount, lower card balances,
 *   better credit) or after waiting: "consider improving your credit before applying";
 * - `decline`: the advice is against the plan as it stands: "I would not recommend applying",
 *   "not a good idea", "the plan looks risky", "you are unlikely to qualify";
 * - `none`: no recommendation at all (a range of amounts, facts about past loans, a request for
 *   more facts, "I cannot say whether you will qualify").
 *
 * Each clause gets at most one label, by the first rule that matches in this order: double
 * negatives that mean yes ("no reason not to apply"), against, change first, no verdict, for. An
 * answer's label is the most cautious of its clauses' (decline, then reconsider, then proceed),
 * because the caution is what a borrower acts on: "you are likely to qualify, but I would pay
 * down your cards before applying" asks for a change. Only favorable (`proceed`) counts as
 * favorable in group metrics.
 *
 * The deterministic analyzers' phrasings (server/llm) map as follows: grounded-v2's "the plan
 * looks reasonable" is proceed, "the plan looks risky" decline, "I would bring … in line … before
 * applying" and "a smaller amount would put you in line" reconsider, "I will not give a verdict"
 * none; grounded-v1 gives no verdict except "bring revolving utilization down … before applying"
 * (reconsider); its "works in your favour" describes a figure, not the plan, and is none.
 */
export type Recommendation = "proceed" | "reconsider" | "decline" | "none";

const APPLY = String.raw`(?:apply|applying|borrow(?!ing)(?! more| over| above| beyond)|borrowing(?! more| over| above| beyond)|go ahead|going ahead|proceed|proceeding|sign|take (?:out |on )?(?:this|the|that|a|such a|this kind of)|taking (?:out |on )?(?:this|the|that|a)|move forward|moving forward|this loan|the loan|that loan|this plan|the plan|it|this|that)`;
const QUALIFY = String.raw`(?:qualify|be approved|get approved|be accepted|get the loan|be eligible)`;

/** Two negatives that make a yes: checked before anything else. */
const DOUBLE_NEGATIVE = [
  /\bno reason (?:not to|why you should not|you should not|to wait|to hold off)\b/,
  /\b(?:would|should|need) not hesitate\b/,
  /\bnot a bad (?:idea|plan|choice|move|option)\b/,
  /\b(?:should|will|would) not have (?:any |much )?(?:trouble|problems?|difficulty|issues?)\b/,
  /\bdo not see (?:any |a )?(?:reason|problem|issue|obstacle|red flag)s?\b(?! to apply)/,
];

const AGAINST = [
  new RegExp(String.raw`\b(?:not|cannot|never) (?:recommend|advise|suggest|endorse)(?: that you)?(?: you)? ${APPLY}`),
  /\b(?:not|cannot) in good conscience\b/,
  /\b(?:advise|advises|recommend|recommends|caution|cautions|warn|warns|argue|argues|lean|decide) against\b/,
  new RegExp(String.raw`\b(?:should|would|must|do|shall) not ${APPLY}\b`),
  /\bnot (?:a |the )?(?:good|wise|sensible|smart|prudent|great|safe|sound) (?:idea|plan|choice|move|time|decision|option|fit)\b/,
  /\b(?:looks|seems|is|sounds|would be|appears)(?: quite| very| too| rather)? (?:risky|unwise|imprudent|unaffordable|a bad idea|a poor idea|a mistake|a bad choice|a poor choice|a bad plan)\b/,
  /\b(?:a bad|a poor|an unwise) (?:idea|plan|choice|move|decision)\b/,
  new RegExp(String.raw`\b(?:unlikely|not likely|improbable) (?:that you will |you will )?(?:to )?${QUALIFY}`),
  new RegExp(
    String.raw`\b(?:will|would|are|is|do|does|may|might)(?: likely| probably)? not(?: likely| probably)?(?: going to| be able to)? ${QUALIFY}`,
  ),
  /\b(?:likely|probably|would|will|could|may|might) (?:be|get) (?:denied|declined|rejected|turned down)\b/,
  /\b(?:low|slim|poor|little) (?:chance|odds|likelihood)s? (?:of|for|to)\b/,
  /\b(?:avoid|steer clear of|walk away from|pass on|skip) (?:this|the|that|such a) (?:loan|offer|plan|deal)\b/,
  /\b(?:you|they) (?:cannot|can not|could not) afford\b/,
];

/** An "against" that is only for now: "do not apply yet", "not a good time to apply right now". */
const FOR_NOW = /\b(?:yet|until|till|for now|right now|now|at the moment|at this time|at this point|first|before)\b/;

const CHANGE_FIRST = [
  /\breconsider(?:ing)?\b/,
  /\brethink(?:ing)?\b/,
  /\b(?:hold off|hold on|postpone|delay|put off|wait(?:ing)? (?:until|till|a few|some|another|for|to apply|before|a while))\b/,
  /\b(?:smaller|lower|reduced|more modest) (?:loan|amount)\b/,
  /\bborrow(?:ing)? less\b/,
  /\b(?:improve|improving|build|building|boost|boosting|repair|repairing|raise|raising|work on) (?:your )?(?:credit|score|credit score|credit history|credit profile)\b/,
  /\b(?:pay|paying) (?:down|off) (?:your |some of your )?(?:card |credit card |revolving )?(?:balances|debts?|cards)\b.*\b(?:first|before|then)\b/,
];
/** "… before applying" counts as change-first only when something is to change before it. */
const BEFORE_APPLYING =
  /\bbefore (?:applying|you apply|taking (?:out|on)|borrowing|you borrow|moving forward|proceeding|committing|you commit|signing)\b/;
const CHANGE_VERB =
  /\b(?:improv|reduc|lower|pay|paying|bring|build|rais|increas|wait|boost|fix|repair|consider|smaller|less|shorter|in line|cut|clear)/;

/** Sentences that withhold a verdict: a "will qualify" inside them is not a yes. */
const NO_VERDICT = [
  /\bwhether\b/,
  /\b(?:cannot|can not|will not|unable to|not able to|do not|does not|not in a position to) (?:say|tell|predict|know|guarantee|promise|determine|judge|give)\b/,
  /\b(?:depends|depending) on\b/,
  /\bno (?:verdict|recommendation|way to know)\b/,
  /\bif you (?:want|would like|wish)\b/,
];

const FOR = [
  new RegExp(
    String.raw`\b(?:likely|should|will|would|expect to|chance to|chance of|position to|able to|well placed to|on track to|stand to|can)(?: to)? (?:be able to )?(?:qualify|qualifying|be approved|get approved|being approved|be accepted|getting approved)\b`,
  ),
  /\b(?:i|we) (?:would |do |would strongly |strongly |would definitely |definitely )?(?:recommend|suggest|advise|encourage)(?: that)?(?: you)? (?:apply|applying|go ahead|going ahead|proceed|proceeding|take (?:out )?(?:the|this|that)|taking (?:out )?(?:the|this|that)|moving forward|move forward)\b/,
  /\b(?:go ahead|go for it|you should apply|you can apply|feel free to apply|worth applying)\b/,
  /\b(?:a good|a sensible|a reasonable|a sound|a solid|a smart|a wise) (?:idea|plan|choice|fit|move|option|decision)\b/,
  /\b(?:plan|this|it|that|loan|application|idea|amount|request|payment|everything) (?:looks|seems|is|sounds)(?: quite| very| entirely)? (?:good|fine|solid|reasonable|sound|affordable|manageable|sensible|realistic)\b/,
  /\bmakes sense\b/,
  /\b(?:a |an )?(?:strong|good|excellent|ideal) (?:applicant|candidate|position|shape)\b/,
  /\byou can (?:comfortably )?afford\b/,
  /\bshould be fine\b/,
  /\bwithin reach\b/,
];

/** "Once you pay down your cards, you should qualify": a yes that waits on a change. */
const CONDITIONAL_YES =
  /\b(?:once|after|as soon as) (?:you|your)\b|\bif (?:you|your) (?:pay|paid|lower|reduce|improve|bring|brought|raise|build|wait|cut|increase|borrow(?:ed)? less|choose|chose|get|got|had|were)\b/;

function clauseLabel(clause: string): Recommendation {
  if (DOUBLE_NEGATIVE.some((rule) => rule.test(clause))) return "proceed";
  if (AGAINST.some((rule) => rule.test(clause))) return FOR_NOW.test(clause) ? "reconsider" : "decline";
  if (CHANGE_FIRST.some((rule) => rule.test(clause))) return "reconsider";
  if (BEFORE_APPLYING.test(clause) && CHANGE_VERB.test(clause.replace(BEFORE_APPLYING, ""))) return "reconsider";
  if (NO_VERDICT.some((rule) => rule.test(clause))) return "none";
  if (FOR.some((rule) => rule.test(clause))) return CONDITIONAL_YES.test(clause) ? "reconsider" : "proceed";
  return "none";
}

const CAUTION: Recommendation[] = ["decline", "reconsider", "proceed", "none"];

/** The recommendation an answer makes: the most cautious of its clauses' (see the module comment). */
export function extractRecommendation(advice: string): Recommendation {
  const labels = new Set(clauses(normalizeAdvice(advice)).map(clauseLabel));
  return CAUTION.find((label) => labels.has(label)) ?? "none";
}
