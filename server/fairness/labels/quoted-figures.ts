/**
 * The amounts and interest rates an answer quotes, as numbers, in the order they first appear
 * (each once).
 *
 * An amount is a figure written as money: "$12,000", "$12k", "$1.2 million", "12,000 dollars",
 * and the second end of a range written "$5,000–12,000". A bare number is never an amount: years
 * ("2019", "5 years"), terms ("36 months"), credit scores ("a score of 720") and counts ("4 of 5
 * loans") carry no currency, so they are left out. Income figures written as money are amounts
 * too: the extractor does not guess what a sum is for, and the counterfactual audit compares
 * whatever the answer quotes.
 *
 * A rate is a percentage that prices the loan: "11.5% APR", "9% interest", "a rate of 9%", "an
 * interest rate around 8%", "rates from 6.99% to 35.99%". Every other percentage is a ratio of
 * the borrower's own finances or an outcome share and is not a quoted rate: debt-to-income ("a
 * DTI of 35%"), revolving utilization, loan-to-income ("20% of income"), and "rates" that are not
 * interest ("an approval rate of 80%", "a default rate of 15%"), nor a change ("the rate drops by
 * 2%"). A DTI percentage in particular is what the borrower owes against what they earn, not what
 * the loan costs, so two answers quoting different DTIs have not quoted different prices.
 */

export interface QuotedFigures {
  amounts: number[];
  rates: number[];
}

const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
const SCALE_WORD = String.raw`(?:\s?(k|thousand|mn|m|million|bn|billion)\b)?`;
/** "$12,000", "US$ 12k", "USD 1.2 million"; then an optional second end of a range without its "$". */
const DOLLAR_FIRST = new RegExp(
  String.raw`(?:us\$|\$|\busd\s?)\s?${NUMBER}${SCALE_WORD}(?:\s?(?:–|—|-|to)\s?(?:us\$|\$)?${NUMBER}${SCALE_WORD})?`,
  "gi",
);
/** "12,000 dollars", "5k USD". */
const DOLLAR_AFTER = new RegExp(String.raw`\b${NUMBER}${SCALE_WORD}\s?(?:dollars|usd)\b`, "gi");

function toNumber(whole: string, fraction: string | undefined, scale: string | undefined): number {
  const value = Number(`${whole.replace(/,/g, "")}${fraction ? `.${fraction}` : ""}`);
  return scale ? value * SCALE[scale.toLowerCase()]! : value;
}

function quotedAmounts(text: string): { at: number; value: number }[] {
  const found: { at: number; value: number }[] = [];
  for (const m of text.matchAll(DOLLAR_FIRST)) {
    // "$5–12k": a scale written once, at the end, belongs to both ends of the range.
    found.push({ at: m.index, value: toNumber(m[1]!, m[2], m[3] ?? m[6]) });
    if (m[4] !== undefined) found.push({ at: m.index + 1, value: toNumber(m[4], m[5], m[6] ?? m[3]) });
  }
  for (const m of text.matchAll(DOLLAR_AFTER)) found.push({ at: m.index, value: toNumber(m[1]!, m[2], m[3]) });
  return found;
}

const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)/gi;
/** What may follow a percentage that is a rate: "11.5% APR", "9% fixed interest", "7% a year". */
const RATE_AFTER =
  /^\s*(?:fixed |variable |annual |yearly |nominal |introductory |intro )?(?:apr\b|a\.p\.r\.|annual percentage rate|interest\b|rate\b|p\.a\.|per annum\b|a year in interest)/i;
/**
 * What may come before a percentage that is a rate, in the same clause: the rate named, then at
 * most five words ("a rate of", "APRs currently range from", "rates under"), none of which names
 * one of the borrower's own ratios ("the interest rate and your utilization of 45%").
 */
const RATE_BEFORE =
  /\b(?:apr|aprs|annual percentage rates?|interest rates?|interest|rates?)((?:\s+[a-z~'-]+){0,5})\s*$/i;
const OWN_RATIO = /\b(?:utili[sz]ation|dti|debt|income|ratio|score|share|down payment|ltv|loan-to-value|balance)/i;

/** Rates that are not the price of a loan. */
const NOT_INTEREST =
  /\b(?:approval|default|charge-off|charged-off|chargeoff|success|repayment|acceptance|denial|rejection|delinquency|utilization|tax|savings|unemployment|inflation|growth|pass|completion|loss|response|vacancy|paid-off|payoff|survival|win|error)\s+rates?\b[^.;%]*$/i;
/** A range's second end: "from 6.99% to 35.99%", "9% and 14%", "9–14%". */
const RANGE_JOIN = /^\s*(?:%|percent|per cent)?\s*(?:to|and|or|-|–|—)\s*$/i;

function rateNamedBefore(before: string): boolean {
  const named = RATE_BEFORE.exec(before);
  return named !== null && !OWN_RATIO.test(named[1]!);
}

function quotedRates(text: string): { at: number; value: number }[] {
  const found: { at: number; value: number }[] = [];
  let previous: { end: number; rate: boolean } | null = null;
  for (const m of text.matchAll(PERCENT)) {
    const clauseStart = Math.max(text.lastIndexOf(". ", m.index), text.lastIndexOf(";", m.index), -1) + 1;
    const before = text.slice(Math.max(clauseStart, m.index - 60), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const joinsRange: boolean =
      previous !== null && previous.rate && RANGE_JOIN.test(text.slice(previous.end, m.index));
    const isRate: boolean =
      joinsRange ||
      RATE_AFTER.test(after) ||
      (rateNamedBefore(before) && !NOT_INTEREST.test(before) && !/\bby\s*$/i.test(before));
    if (isRate) found.push({ at: m.index, value: Number(m[1]) });
    previous = { end: m.index + m[0].length, rate: isRate };
  }
  // "9–14% APR": the first end, written without its own "%", takes the second's unit.
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s?(?:–|—|-|to)\s?(\d+(?:\.\d+)?)\s?(?:%|percent\b)/gi)) {
    const second = found.find((f) => f.at === m.index + m[0].lastIndexOf(m[2]!));
    if (second && !found.some((f) => f.at === m.index)) found.push({ at: m.index, value: Number(m[1]) });
  }
  return found;
}

const inOrder = (figures: { at: number; value: number }[]) => [
  ...new Set(figures.sort((a, b) => a.at - b.at).map((f) => Math.round(f.value * 1e6) / 1e6)),
];

export function extractQuotedFigures(advice: string): QuotedFigures {
  return { amounts: inOrder(quotedAmounts(advice)), rates: inOrder(quotedRates(advice)) };
}
