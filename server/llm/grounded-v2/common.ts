import { type Sentence, cite, citeRange, sentence, uncited } from "./cite";
import { type LoanFacts, repaidCount, spread } from "./loans";
import { type MatchStrength, WEAK_MATCH_MEDIAN, similarity } from "./strength";
import { pct, span, was } from "./words";

/** Sentences several kinds of answer share: what the loans were, how close, how they differ. */

/** "(similarity 0.41–0.47)": every figure about the loans comes with how like the question they are. */
export function similarityNote(strength: MatchStrength): string {
  if (strength.low === null || strength.high === null) return "";
  const range = span(strength.low, strength.high, similarity);
  // Said when only the stated facts, not the wording, make the loans alike: the low score is shown, not hidden.
  const facts = strength.median !== null && strength.median < WEAK_MATCH_MEDIAN ? "; close on the facts given" : "";
  return `(similarity ${range}${facts})`;
}

/** "Of the 5 past loans most like your question (similarity 0.41–0.47), 4 were repaid and 1 was charged off." */
export function outcomeSentence(loans: LoanFacts[], strength: MatchStrength): Sentence {
  const note = similarityNote(strength);
  const paid = repaidCount(loans);
  const off = loans.length - paid;
  const outcomes = cite(loans, "outcome");
  if (loans.length === 1)
    return sentence(`The one past loan found ${note} was ${paid ? "repaid" : "charged off"}.`, outcomes);
  if (off === 0)
    return sentence(`All ${loans.length} past loans most like your question ${note} were repaid.`, outcomes);
  if (paid === 0)
    return sentence(`All ${loans.length} past loans most like your question ${note} were charged off.`, outcomes);
  return sentence(
    `Of the ${loans.length} past loans most like your question ${note}, ${paid} ${was(paid)} repaid and ${off} ${was(off)} charged off.`,
    outcomes,
  );
}

/** "borrowed 8–20% of income with revolving utilization of 10–45%", or null when neither is known. */
function profilePhrase(group: LoanFacts[]): Sentence | null {
  const lti = spread(group, "loanToIncome");
  const util = spread(group, "utilization");
  const parts = [
    lti ? `borrowed ${span(lti.low, lti.high, pct)} of income` : null,
    util ? `had revolving utilization of ${span(util.low, util.high, pct)}` : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return sentence(
    parts.join(" and "),
    ...[lti, util].map((range) => (range ? citeRange(range, { outcome: true }) : [])),
  );
}

/**
 * How the repaid loans differ from the charged-off ones, as ranges of what those loans had: a
 * target derived from other loans is never presented as the borrower's own number.
 */
export function contrastSentence(loans: LoanFacts[]): Sentence | null {
  const paid = loans.filter((l) => l.repaid);
  const off = loans.filter((l) => !l.repaid);
  const paidPhrase = paid.length ? profilePhrase(paid) : null;
  const offPhrase = off.length ? profilePhrase(off) : null;
  if (paidPhrase && offPhrase) {
    return sentence(
      `The repaid ${paid.length === 1 ? "one" : "ones"} ${paidPhrase.text}; the charged-off ${off.length === 1 ? "one" : "ones"} ${offPhrase.text}.`,
      paidPhrase.citations,
      offPhrase.citations,
    );
  }
  const only = paidPhrase ?? offPhrase;
  return only ? sentence(`Those loans ${only.text}.`, only.citations) : null;
}

/** "The past loans found are only weakly like your question (median similarity 0.09), so …". */
export function weakSentence(strength: MatchStrength, consequence: string): Sentence {
  if (strength.median === null) return uncited(`No similar past loans were found, so ${consequence}.`);
  return uncited(
    `The past loans found are only weakly like your question (median similarity ${similarity(strength.median)}), so ${consequence}.`,
  );
}
