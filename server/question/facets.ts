/**
 * Best-effort reading of the numbers a borrower's question states ("a $12,000 loan over 60 months,
 * utilization 85%, income 50k"), so grounded advice can compare them with the similar loans.
 * Anything not recognised is simply left out.
 */

export interface QuestionFacts {
  amount?: number;
  income?: number;
  termMonths?: number;
  utilization?: number;
}

const AMOUNT = String.raw`\$?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|K|thousand|m|M|million)?\b`;

function money(digits: string, unit: string | undefined): number {
  const value = Number(digits.replace(/,/g, ""));
  const scale = unit ? (/^(k|thousand)$/i.test(unit) ? 1_000 : 1_000_000) : 1;
  return value * scale;
}

// "high income asking about a 36 month loan": a number followed by a term is not an income.
const NOT_A_TERM = String.raw`(?!\s*[- ]?(?:months?|mo|years?|yrs?)\b)`;
const INCOME_BEFORE = new RegExp(
  String.raw`\b(?:income|earn(?:ing|s)?|make|making|salary)\b[^.$\d]{0,25}` + AMOUNT + NOT_A_TERM,
  "i",
);
/** Below this a stated "income" is a misreading (a term, a count), not a yearly income. */
const MIN_PLAUSIBLE_INCOME = 1_000;
const INCOME_AFTER = new RegExp(
  AMOUNT + String.raw`\s*(?:a|per|/)\s*(?:year|yr|annum)|` + AMOUNT + String.raw`\s+(?:annual|yearly)\b`,
  "i",
);
const MONEY = new RegExp(
  String.raw`(\$\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|K|thousand|m|M|million)?\b|\b(\d+(?:\.\d+)?)\s*(k|K)\b)`,
  "g",
);

export function parseQuestion(question: string): QuestionFacts {
  const facts: QuestionFacts = {};
  const text = question.replace(/\s+/g, " ");

  const term = /\b(\d{2})[- ]?(?:months?|mo)\b/i.exec(text) ?? /\b(\d)[- ]?(?:years?|yr)\s*(?:term|loan)\b/i.exec(text);
  if (term) {
    const value = Number(term[1]);
    facts.termMonths = value < 10 ? value * 12 : value;
  }

  const utilization =
    /\butili[sz](?:ation|ed|ing)?\b[^\d%$]{0,25}(\d{1,3}(?:\.\d+)?)\s*%/i.exec(text) ??
    /(\d{1,3}(?:\.\d+)?)\s*%\s*(?:revolving\s+|credit\s+|card\s+)*(?:utili[sz]ation|utilized|used)/i.exec(text);
  if (utilization) facts.utilization = Number(utilization[1]);

  let incomeSpan: [number, number] | undefined;
  const before = INCOME_BEFORE.exec(text);
  const after = INCOME_AFTER.exec(text);
  if (before) {
    const monthly = /^\s*(?:a|per|\/)\s*month\b/i.test(text.slice(before.index + before[0].length));
    facts.income = money(before[1]!, before[2]) * (monthly ? 12 : 1);
    incomeSpan = [before.index, before.index + before[0].length];
  } else if (after) {
    const digits = after[1] ?? after[3]!;
    facts.income = money(digits, after[1] ? after[2] : after[4]);
    incomeSpan = [after.index, after.index + after[0].length];
  }
  if (facts.income !== undefined && facts.income < MIN_PLAUSIBLE_INCOME) {
    facts.income = undefined;
    incomeSpan = undefined;
  }

  // The loan amount: the first sum of money that is not the income.
  for (const match of text.matchAll(MONEY)) {
    const start = match.index;
    if (incomeSpan && start >= incomeSpan[0] && start < incomeSpan[1]) continue;
    const value = match[2] ? money(match[2], match[3]) : money(match[4]!, match[5]);
    if (value >= 100) {
      facts.amount = value;
      break;
    }
  }
  return facts;
}
