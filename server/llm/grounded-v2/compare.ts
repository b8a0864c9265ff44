import type { UnderstoodQuestion } from "../../question";
import { askSentence, factsToAsk } from "./ask";
import { type Sentence, cite, citeRange, sentence, uncited } from "./cite";
import { similarityNote, weakSentence } from "./common";
import { type LoanFacts, repaidCount, spread } from "./loans";
import { statedLoanToIncome } from "./stated";
import type { MatchStrength } from "./strength";
import { dollars, list, loans as nLoans, months, pct, span } from "./words";

/**
 * "36 or 60 months?", "$10,000 or $15,000?": what happened to the similar loans at each option,
 * with how many loans each figure rests on. An option that fewer than MIN_PER_OPTION of the loans
 * took is reported as too thin to judge: one loan's outcome is an anecdote, not a rate.
 */
export const MIN_PER_OPTION = 2;

/** Loans within this fraction of a compared amount count as borrowing "about" that amount. */
const AMOUNT_TOLERANCE = 0.3;

interface Option {
  label: string;
  /** What a loan did to take this option: "ran 36 months", "borrowed about $10,000". */
  took: string;
  /** The fact that puts a loan at this option. */
  fact: "termMonths" | "amount";
  loans: LoanFacts[];
}

/** Counts over all the loans ("None of the 5…", "Only 1 of the 5…") rest on every loan's option. */
function optionSentence(option: Option, all: LoanFacts[]): Sentence {
  const n = option.loans.length;
  const total = all.length;
  if (n === 0)
    return sentence(
      `None of the ${total} ${option.took}, so they say nothing about that option.`,
      cite(all, option.fact),
    );
  const paid = repaidCount(option.loans);
  if (n < MIN_PER_OPTION) {
    return sentence(
      `Only 1 of the ${total} ${option.took} (${paid ? "repaid" : "charged off"}): too few to judge that option.`,
      cite(all, option.fact),
      cite(option.loans, "outcome"),
    );
  }
  return sentence(
    `${n} ${option.took}: ${paid} repaid, ${n - paid} charged off.`,
    cite(option.loans, option.fact, "outcome"),
  );
}

function verdictSentence(options: Option[]): Sentence {
  const thin = options.filter((o) => o.loans.length < MIN_PER_OPTION);
  if (thin.length) {
    // About what the loans lack: removing a loan leaves the option as thin, so no loan is cited.
    return uncited(
      `These loans hold too few at ${list(thin.map((o) => o.label))} to compare the options; treat the figures as anecdotes.`,
    );
  }
  const rates = options.map((o) => ({ ...o, paid: repaidCount(o.loans), rate: repaidCount(o.loans) / o.loans.length }));
  const best = Math.max(...rates.map((r) => r.rate));
  const leaders = rates.filter((r) => r.rate === best);
  const basis = rates.map((r) => `${r.paid} of ${r.loans.length} repaid at ${r.label}`).join(" against ");
  const counted = options.flatMap((o) => cite(o.loans, o.fact, "outcome"));
  if (leaders.length === rates.length) {
    return sentence(`On these loans the options fared alike (${basis}), so they do not favour either.`, counted);
  }
  return sentence(
    `On these loans ${list(leaders.map((r) => r.label))} fared better (${basis}), though ${nLoans(
      rates.reduce((sum, r) => sum + r.loans.length, 0),
    )} are a small sample, not a rule.`,
    counted,
  );
}

function termOptions(terms: number[], loans: LoanFacts[]): Option[] {
  return terms.map((term) => ({
    label: months(term),
    took: `ran ${months(term)}`,
    fact: "termMonths" as const,
    loans: loans.filter((l) => l.termMonths === term),
  }));
}

function amountOptions(amounts: number[], loans: LoanFacts[]): Option[] {
  const nearest = (loan: LoanFacts) => {
    if (loan.amount === null) return null;
    const best = amounts.reduce((a, b) => (Math.abs(loan.amount! - a) <= Math.abs(loan.amount! - b) ? a : b));
    return Math.abs(loan.amount - best) <= best * AMOUNT_TOLERANCE ? best : null;
  };
  return amounts.map((amount) => ({
    label: `about ${dollars(amount)}`,
    took: `borrowed about ${dollars(amount)}`,
    fact: "amount" as const,
    loans: loans.filter((l) => nearest(l) === amount),
  }));
}

/** For amounts: each option as a share of the stated income, beside what the repaid loans borrowed. */
function amountsAgainstIncome(q: UnderstoodQuestion, amounts: number[], loans: LoanFacts[]): Sentence | null {
  if (!q.facets.income) return null;
  const shares = amounts.map((a) => `${dollars(a)} is ${pct(statedLoanToIncome(q.facets, a)!)}`);
  const repaid = spread(
    loans.filter((l) => l.repaid),
    "loanToIncome",
  );
  const tail = repaid ? `; the repaid loans borrowed ${span(repaid.low, repaid.high, pct)} of their income` : "";
  return sentence(
    `Of your stated ${dollars(q.facets.income)} income, ${list(shares)}${tail}.`,
    repaid ? citeRange(repaid, { outcome: true }) : [],
  );
}

/** A fact of amortizing loans, not of these loans: it holds whatever the sample says. */
function termTradeoff(terms: number[]): Sentence | null {
  if (terms.length < 2) return null;
  const longest = Math.max(...terms);
  return uncited(`A ${longest}-month term lowers each payment but costs more interest in total.`);
}

/** The terms the corpus's loans ran (LendingClub offered 36 and 60 months). */
export const LOAN_TERMS = [36, 60];

/** "Shorter or longer term?", "which term is better?": a comparison of terms that names none. */
const ABOUT_TERMS = /\b(?:terms?|shorter|longer|months|years)\b/i;

export function compareAnswer(
  question: string,
  q: UnderstoodQuestion,
  loans: LoanFacts[],
  strength: MatchStrength,
): Sentence[] | null {
  const amounts = q.facets.amountsCompared ?? [];
  // With no terms named, a question about the term weighs the only two terms the past loans ran.
  const terms = q.facets.termsCompared ?? (amounts.length < 2 && ABOUT_TERMS.test(question) ? LOAN_TERMS : []);
  const byTerm = terms.length >= 2;
  if (!byTerm && amounts.length < 2) return null;
  const labels = byTerm ? terms.map(months) : amounts.map(dollars);
  const what = `${list(labels, "and")}`;

  if (strength.weak || loans.length === 0) {
    const ask = askSentence(factsToAsk(q), `I can compare ${what} on loans like yours`);
    return [
      weakSentence(strength, `I cannot compare ${what} from them`),
      ...(ask ? [uncited(ask)] : []),
      ...(byTerm ? [termTradeoff(terms)].filter((s): s is Sentence => s !== null) : []),
    ];
  }

  const options = byTerm ? termOptions(terms, loans) : amountOptions(amounts, loans);
  const out = [
    uncited(
      `Here is how the ${loans.length} past loans most like your question ${similarityNote(strength)} fared at ${what}.`,
    ),
    ...options.map((o) => optionSentence(o, loans)),
    verdictSentence(options),
  ];
  if (byTerm) {
    const tradeoff = termTradeoff(terms);
    if (tradeoff) out.push(tradeoff);
  } else {
    const income = amountsAgainstIncome(q, amounts, loans);
    if (income) out.push(income);
  }
  const ask = q.missing.length ? askSentence(factsToAsk(q, 2), "I can weigh the options against your situation") : null;
  if (ask) out.push(uncited(ask));
  return out;
}
