import type { UnderstoodQuestion } from "../../question";
import { askSentence, factsToAsk } from "./ask";
import { type Sentence, cite, citeRange, sentence, uncited } from "./cite";
import { similarityNote, weakSentence } from "./common";
import { type LoanFacts, placement, spread } from "./loans";
import { statedLoanToIncome } from "./stated";
import type { MatchStrength } from "./strength";
import { dollars, pct, span } from "./words";

/**
 * "How much can I borrow?": a range from the similar loans that were repaid, as amounts and as
 * shares of income, and what that share comes to on the borrower's stated income. Charged-off
 * loans only mark what to stay below; they never set the range.
 */
export function howMuchAnswer(q: UnderstoodQuestion, loans: LoanFacts[], strength: MatchStrength): Sentence[] {
  // The amount is what they ask for, so it is never asked back.
  const toAsk = factsToAsk(q, 4)
    .filter((key) => key !== "amount" && key !== "amountsCompared")
    .slice(0, 3);
  if (strength.weak || loans.length === 0 || q.missing.length > 0) {
    const reason =
      strength.weak || loans.length === 0
        ? weakSentence(strength, "I cannot suggest an amount from them")
        : uncited("To suggest an amount I need a little more about your situation.");
    const ask = askSentence(toAsk, "I can give a range from similar loans that were repaid");
    return ask ? [reason, uncited(ask)] : [reason];
  }

  const repaid = loans.filter((l) => l.repaid);
  const off = loans.filter((l) => !l.repaid);
  const note = similarityNote(strength);
  // "Of the 5 …", "The 3 repaid loans among the 5 …": counts rest on every loan's outcome.
  const outcomes = cite(loans, "outcome");
  if (repaid.length === 0) {
    const offAmount = spread(off, "amount");
    return [
      sentence(
        `None of the ${loans.length} past loans most like your question ${note} was repaid${
          offAmount ? `; they borrowed ${span(offAmount.low, offAmount.high, dollars)}` : ""
        }, so they show no safe amount.`,
        outcomes,
        offAmount ? citeRange(offAmount) : [],
      ),
      uncited("A smaller loan, a shorter term or lower card balances would put you nearer loans that were repaid."),
    ];
  }
  const amount = spread(repaid, "amount");
  const lti = spread(repaid, "loanToIncome");
  // A median is said only when the shares differ as written.
  const ltiMedian = lti !== null && pct(lti.low) !== pct(lti.high);
  const out: Sentence[] = [];
  if (repaid.length === 1) {
    const one = repaid[0]!;
    out.push(
      sentence(
        `Only 1 of the ${loans.length} past loans most like your question ${note} was repaid${
          one.amount !== null
            ? ` (${dollars(one.amount)}${one.loanToIncome !== null ? `, ${pct(one.loanToIncome)} of income` : ""})`
            : ""
        }: too few for a range.`,
        outcomes,
        one.amount !== null
          ? cite([one], "amount", ...(one.loanToIncome !== null ? (["loanToIncome"] as const) : []))
          : [],
      ),
    );
  } else {
    const parts = [
      amount ? `borrowed ${span(amount.low, amount.high, dollars)}` : null,
      lti ? `${span(lti.low, lti.high, pct)} of their income${ltiMedian ? ` (median ${pct(lti.median)})` : ""}` : null,
    ].filter(Boolean);
    const who =
      repaid.length === loans.length
        ? `All ${loans.length} past loans most like your question ${note} were repaid; they`
        : `The ${repaid.length} repaid loans among the ${loans.length} most like your question ${note}`;
    out.push(
      sentence(
        `${who} ${parts.join(", ")}.`,
        outcomes,
        amount ? citeRange(amount) : [],
        lti ? citeRange(lti, { median: ltiMedian }) : [],
      ),
    );
  }
  const income = q.facets.income;
  // A share that is one value on every repaid loan says nothing a range would add.
  if (income && lti && repaid.length > 1 && ltiMedian) {
    const at = (share: number) => (share / 100) * income;
    out.push(
      sentence(
        `On your stated income of ${dollars(income)}, those shares come to about ${span(at(lti.low), at(lti.high), dollars)} (median ${dollars(at(lti.median))}).`,
        citeRange(lti, { median: true, outcome: true }),
      ),
    );
  }
  const offLti = spread(off, "loanToIncome");
  if (offLti) {
    out.push(
      sentence(
        `The ${off.length === 1 ? "charged-off loan" : `${off.length} charged-off loans`} borrowed ${span(offLti.low, offLti.high, pct)} of income.`,
        cite(off, "outcome"),
        citeRange(offLti),
      ),
    );
  }
  const asked = statedLoanToIncome(q.facets);
  if (asked !== null && lti) {
    const where = {
      above: "more than any of the repaid loans took",
      below: "less than any of the repaid loans took",
      within: lti.low === lti.high ? "what the repaid loans took" : "within the repaid loans' range",
    }[placement(asked, lti)];
    // Against a range it does not state: no one loan makes it true, so none is cited.
    out.push(uncited(`The ${dollars(q.facets.amount!)} you mention is ${pct(asked)} of your income, ${where}.`));
  }
  const ask = askSentence(toAsk.slice(0, 2), "the range can be narrowed to loans like yours");
  if (ask) out.push(uncited(ask));
  return out;
}
