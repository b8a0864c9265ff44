import type { UnderstoodQuestion } from "../../question";
import { askSentence, factsToAsk } from "./ask";
import { contrastSentence, outcomeSentence, weakSentence } from "./common";
import { type LoanFacts, placement, repaidCount, spread } from "./loans";
import { statedLoanToIncome, statedPhrases, statedSentence } from "./stated";
import type { MatchStrength } from "./strength";
import { TIMING_SENTENCE, asksAboutTiming } from "./timing";
import { list, months, pct, span } from "./words";

/** The stated plan, fact by fact, against what the similar repaid loans had. */
interface PlanFinding {
  sentence: string;
  /** Set for a stated figure that is beyond every repaid loan's: what to change first. */
  outOfLine?: string;
}

function planSentences(q: UnderstoodQuestion, loans: LoanFacts[]): PlanFinding[] {
  const repaid = loans.filter((l) => l.repaid);
  const out: PlanFinding[] = [];
  const lti = statedLoanToIncome(q.facets);
  const repaidLti = spread(repaid, (l) => l.loanToIncome);
  if (lti !== null && repaidLti) {
    const where = placement(lti, repaidLti);
    out.push({
      outOfLine: where === "above" ? "the amount" : undefined,
      sentence: `Your stated amount is ${pct(lti)} of your stated income; the repaid loans borrowed ${span(repaidLti.low, repaidLti.high, pct)}${
        where === "above"
          ? ", so a smaller amount would put you in line with them"
          : where === "within"
            ? ", and you are within that range"
            : ", and you are below it"
      }.`,
    });
  }
  const utilization = q.facets.utilization;
  const repaidUtil = spread(repaid, (l) => l.utilization);
  if (utilization !== undefined && repaidUtil) {
    const where = placement(utilization, repaidUtil);
    out.push({
      outOfLine: where === "above" ? "your utilization" : undefined,
      sentence: `Your ${pct(utilization)} revolving utilization is ${where} the repaid loans' ${span(repaidUtil.low, repaidUtil.high, pct)}${
        where === "above" ? "; paying card balances down first would bring it in line" : ""
      }.`,
    });
  }
  const term = q.facets.termMonths;
  if (term !== undefined) {
    const atTerm = loans.filter((l) => l.termMonths === term);
    const paid = repaidCount(atTerm);
    out.push({
      sentence:
        atTerm.length === 0
          ? `None of these loans ran ${months(term)}, so they say nothing about that term.`
          : atTerm.length === 1
            ? `Only 1 of them ran ${months(term)} (${paid ? "repaid" : "charged off"}), too few to judge the term.`
            : `Of the ${atTerm.length} that ran ${months(term)}, ${paid} ${paid === 1 ? "was" : "were"} repaid.`,
    });
  }
  return out;
}

/**
 * The position the question asks for, in one line: what to change first when a stated figure is
 * beyond every repaid loan's, else whether the plan looks reasonable or risky by how the similar
 * loans ended, with the counts it rests on.
 */
function position(plan: PlanFinding[], loans: LoanFacts[]): string {
  const change = plan.flatMap((p) => (p.outOfLine ? [p.outOfLine] : []));
  if (change.length) return `I would bring ${list(change)} in line with the repaid loans before applying.`;
  const paid = repaidCount(loans);
  const off = loans.length - paid;
  if (paid * 2 > loans.length) {
    return `On these figures the plan looks reasonable: ${paid} of the ${loans.length} similar loans were repaid.`;
  }
  return `On these figures the plan looks risky: ${off} of the ${loans.length} similar loans were charged off.`;
}

/**
 * "Should I borrow $12,000 over 60 months?": the stated plan against similar loans. A question
 * about timing is told that APFA knows nothing of timing; a question without the facts a verdict
 * needs, or with only weak matches, gets a request for those facts instead of a verdict.
 */
export function shouldIAnswer(
  question: string,
  q: UnderstoodQuestion,
  loans: LoanFacts[],
  strength: MatchStrength,
): string[] {
  const timing = asksAboutTiming(question) ? [TIMING_SENTENCE] : [];
  const stated = statedSentence(q.facets);
  // No plan stated ("should I borrow?") is as underspecified as a plan missing a fact it needs.
  const underspecified = q.missing.length > 0 || statedPhrases(q.facets).length === 0;
  if (strength.weak || loans.length === 0 || underspecified) {
    const reason =
      strength.weak || loans.length === 0
        ? weakSentence(strength, "I will not give a verdict from them")
        : "Your question does not give enough to judge the plan.";
    const ask = askSentence(factsToAsk(q), "I can compare your plan with similar loans");
    return [...timing, reason, ...(stated ? [stated] : []), ...(ask ? [ask] : [])];
  }
  const plan = planSentences(q, loans);
  const contrast = contrastSentence(loans);
  return [
    ...timing,
    outcomeSentence(loans, strength),
    // The position leads the details: if the budget cuts, it cuts the details.
    position(plan, loans),
    ...(stated ? [stated] : []),
    ...plan.map((p) => p.sentence),
    ...(plan.length === 0 && contrast ? [contrast] : []),
  ];
}
