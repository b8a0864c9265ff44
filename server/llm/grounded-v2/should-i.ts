import type { UnderstoodQuestion } from "../../question";
import { askSentence, factsToAsk } from "./ask";
import { type Sentence, cite, citeRange, sentence, uncited } from "./cite";
import { contrastSentence, outcomeSentence, weakSentence } from "./common";
import { type LoanFacts, placement, repaidCount, spread } from "./loans";
import { statedLoanToIncome, statedPhrases, statedSentence } from "./stated";
import type { MatchStrength } from "./strength";
import { TIMING_SENTENCE, asksAboutTiming } from "./timing";
import { list, months, pct, span } from "./words";

/** The stated plan, fact by fact, against what the similar repaid loans had. */
interface PlanFinding {
  sentence: Sentence;
  /** Set for a stated figure that is beyond every repaid loan's: what to change first. */
  outOfLine?: string;
}

function planSentences(q: UnderstoodQuestion, loans: LoanFacts[]): PlanFinding[] {
  const repaid = loans.filter((l) => l.repaid);
  const out: PlanFinding[] = [];
  const lti = statedLoanToIncome(q.facets);
  const repaidLti = spread(repaid, "loanToIncome");
  if (lti !== null && repaidLti) {
    const where = placement(lti, repaidLti);
    out.push({
      outOfLine: where === "above" ? "the amount" : undefined,
      sentence: sentence(
        `Your stated amount is ${pct(lti)} of your stated income; the repaid loans borrowed ${span(repaidLti.low, repaidLti.high, pct)}${
          where === "above"
            ? ", so a smaller amount would put you in line with them"
            : where === "within"
              ? ", and you are within that range"
              : ", and you are below it"
        }.`,
        citeRange(repaidLti, { outcome: true }),
      ),
    });
  }
  const utilization = q.facets.utilization;
  const repaidUtil = spread(repaid, "utilization");
  if (utilization !== undefined && repaidUtil) {
    const where = placement(utilization, repaidUtil);
    out.push({
      outOfLine: where === "above" ? "your utilization" : undefined,
      sentence: sentence(
        `Your ${pct(utilization)} revolving utilization is ${where} the repaid loans' ${span(repaidUtil.low, repaidUtil.high, pct)}${
          where === "above" ? "; paying card balances down first would bring it in line" : ""
        }.`,
        citeRange(repaidUtil, { outcome: true }),
      ),
    });
  }
  const term = q.facets.termMonths;
  if (term !== undefined) {
    const atTerm = loans.filter((l) => l.termMonths === term);
    const paid = repaidCount(atTerm);
    out.push({
      sentence:
        atTerm.length === 0
          ? // About what the loans lack: removing one leaves it true, so none is cited.
            uncited(`None of these loans ran ${months(term)}, so they say nothing about that term.`)
          : atTerm.length === 1
            ? sentence(
                `Only 1 of them ran ${months(term)} (${paid ? "repaid" : "charged off"}), too few to judge the term.`,
                cite(atTerm, "termMonths", "outcome"),
              )
            : sentence(
                `Of the ${atTerm.length} that ran ${months(term)}, ${paid} ${paid === 1 ? "was" : "were"} repaid.`,
                cite(atTerm, "termMonths", "outcome"),
              ),
    });
  }
  return out;
}

/**
 * The position the question asks for, in one line: what to change first when a stated figure is
 * beyond every repaid loan's, else whether the plan looks reasonable or risky by how the similar
 * loans ended, with the counts it rests on. What to change rests on the plan findings, which cite
 * the ranges; the position itself names none.
 */
function position(plan: PlanFinding[], loans: LoanFacts[]): Sentence {
  const change = plan.flatMap((p) => (p.outOfLine ? [p.outOfLine] : []));
  if (change.length) return uncited(`I would bring ${list(change)} in line with the repaid loans before applying.`);
  const paid = repaidCount(loans);
  const off = loans.length - paid;
  const outcomes = cite(loans, "outcome");
  if (paid * 2 > loans.length) {
    return sentence(
      `On these figures the plan looks reasonable: ${paid} of the ${loans.length} similar loans were repaid.`,
      outcomes,
    );
  }
  return sentence(
    `On these figures the plan looks risky: ${off} of the ${loans.length} similar loans were charged off.`,
    outcomes,
  );
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
): Sentence[] {
  const timing = asksAboutTiming(question) ? [uncited(TIMING_SENTENCE)] : [];
  const statedText = statedSentence(q.facets);
  // The borrower's own facts, said back: nothing in it is a loan's.
  const stated = statedText ? [uncited(statedText)] : [];
  // No plan stated ("should I borrow?") is as underspecified as a plan missing a fact it needs.
  const underspecified = q.missing.length > 0 || statedPhrases(q.facets).length === 0;
  if (strength.weak || loans.length === 0 || underspecified) {
    const reason =
      strength.weak || loans.length === 0
        ? weakSentence(strength, "I will not give a verdict from them")
        : uncited("Your question does not give enough to judge the plan.");
    const ask = askSentence(factsToAsk(q), "I can compare your plan with similar loans");
    return [...timing, reason, ...stated, ...(ask ? [uncited(ask)] : [])];
  }
  const plan = planSentences(q, loans);
  const contrast = contrastSentence(loans);
  return [
    ...timing,
    outcomeSentence(loans, strength),
    // The position leads the details: if the budget cuts, it cuts the details.
    position(plan, loans),
    ...stated,
    ...plan.map((p) => p.sentence),
    ...(plan.length === 0 && contrast ? [contrast] : []),
  ];
}
