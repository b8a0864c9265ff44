import { markPlaces } from "../embedding";
import type { CreditBand, Housing, LoanPurpose, QuestionFacets } from "./types";

/**
 * The facts a borrower's question states, read with regular expressions over the words borrowers
 * use ("$48k", "4k a month", "36 or 60 months", "been at my job 6 years", "fair credit"). A fact
 * is taken only where the text states it: nothing is defaulted or guessed from other facts.
 */

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10 };
const NUM = String.raw`(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|ten)`;
const toNumber = (text: string) => NUMBER_WORDS[text.toLowerCase()] ?? Number(text);

/** "$12,000", "12k", "$12.5K", "12 thousand", "15000": digits and an optional scale. */
const MONEY_SOURCE = String.raw`\$\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|thousand|m|million)?\b|\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|thousand|grand)\b|\b(\d{1,3},\d{3}|\d{4,7})\b(?!\s*(?:%|months?|mo\b|years?|yrs?|-?month|-?year))`;

interface MoneyMatch {
  value: number;
  start: number;
  end: number;
}

function moneyIn(text: string): MoneyMatch[] {
  const found: MoneyMatch[] = [];
  for (const match of text.matchAll(new RegExp(MONEY_SOURCE, "gi"))) {
    const digits = match[1] ?? match[3] ?? match[5]!;
    const unit = (match[2] ?? match[4] ?? "").toLowerCase();
    const scale = unit === "" ? 1 : unit === "m" || unit === "million" ? 1_000_000 : 1_000;
    found.push({
      value: Number(digits.replace(/,/g, "")) * scale,
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return found;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

function termMonths(value: number, unit: string): number {
  return /^y/i.test(unit) ? Math.round(value * 12) : Math.round(value);
}

/** Where the question talks about a job ("at my job", "employed", "work"): durations there are employment. */
const EMPLOYMENT = new RegExp(
  String.raw`(?:(?:job|work(?:ed|ing)?|employed|employer|position|company|career)\b[^.?!$]{0,30}?\b${NUM}\+?\s*(years?|yrs?|months?)` +
    String.raw`|\b${NUM}\+?\s*(years?|yrs?|months?)\s+(?:at|on|in|with)\s+(?:my|the|this|current|same)\s+(?:job|work|company|employer|position))`,
  "i",
);

const TERM_UNIT = String.raw`(?:months?|mos?|years?|yrs?)`;
const TERMS_COMPARED = new RegExp(
  String.raw`\b(\d{1,2})[- ]?(${TERM_UNIT})?(?:[- ](?:loan|term))?\s*(?:or|vs\.?|versus|instead of|and)\s*(?:a\s+)?(\d{1,2})[- ]?(${TERM_UNIT})\b` +
    String.raw`|\b(\d{1,2})[- ]?(${TERM_UNIT})[- ]?(?:loan|term)?\s*(?:or|vs\.?|versus|instead of)\s*(?:a\s+)?(\d{1,2})\b(?!\s*(?:k|%|\$|,\d))`,
  "i",
);
const ONE_TERM = new RegExp(
  String.raw`\b(\d{1,2})[- ]?(months?|mos?)\b|\b(?:over|for|in|across|a|an)\s+${NUM}[- ]?(years?|yrs?)\b(?![- ]old)|\b${NUM}[- ](year|yr)\s+(?:loan|term)\b|\b${NUM}\s+(years?|yrs?)\s+(?:loan|term)\b`,
  "i",
);

/** Any stated duration that is not an age: "3 years", "five year", "60 months", "5 yrs". */
const ANY_TERM = new RegExp(String.raw`\b${NUM}[- ]?(months?|mos?|years?|yrs?)\b(?![- ]old)`, "gi");
/** "is 60 months better than 36": the second term's unit is the first's. */
const THAN_BARE = /\b(\d{1,2})[- ]?(months?|years?)\b[^.?!\d]{0,30}\bthan (?:a )?(\d{1,2})\b(?![- ]?(?:k|%|,\d|\d))/i;

/**
 * Terms compared with other words between them ("$8,000 over 3 years or $8,000 over 5 years",
 * "36 months at 15k or 60 months at 15k", "a 5 year term … than a 3 year one"): two different
 * durations, not employment ones, in a sentence that sets them against each other.
 */
function spreadTermsCompared(text: string, used: { start: number; end: number }[]): number[] | undefined {
  const bare = THAN_BARE.exec(text);
  if (bare) {
    const terms = [termMonths(Number(bare[1]), bare[2]!), termMonths(Number(bare[3]), bare[2]!)];
    if (terms[0] !== terms[1] && terms.every((m) => m >= 6 && m <= 120)) return terms.sort((a, b) => a - b);
  }
  if (!/\b(?:or|vs\.?|versus|than|instead of)\b/i.test(text)) return undefined;
  const months = new Set<number>();
  for (const match of text.matchAll(ANY_TERM)) {
    if (used.some((span) => overlaps(span, { start: match.index, end: match.index + match[0].length }))) continue;
    const value = termMonths(toNumber(match[1]!), match[2]!);
    if (value >= 6 && value <= 120) months.add(value);
  }
  return months.size === 2 ? [...months].sort((a, b) => a - b) : undefined;
}

const INCOME_BEFORE = new RegExp(
  String.raw`\b(?:income|earn(?:ing|s)?|make|making|salary|paid|bring in|take home)\b[^.?!$\d]{0,25}(${MONEY_SOURCE})(\s*(?:a|per|\/|each)\s*(month|mo|year|yr|annum))?`,
  "i",
);
const INCOME_AFTER = new RegExp(
  String.raw`(${MONEY_SOURCE})\s*(?:(?:a|per|\/|each)\s*(month|mo|year|yr|annum)|(annual|yearly|monthly)\b|(?:salary|income)\b)`,
  "i",
);

const PURPOSES: [LoanPurpose, RegExp][] = [
  // Medical debt is for medical costs; "debt-to-income" is a ratio, not a purpose.
  ["medical", /\b(?:medical|hospital|surgery|dental|dentist|doctor|ivf|braces|root canal)\b/i],
  [
    "debt_consolidation",
    /\b(?:consolidat\w*|pay (?:off|down) (?:my |some )?(?:debts?|loans?|bills)|debt(?![- ]to[- ]income))\b/i,
  ],
  ["credit_card", /\b(?:credit cards?|(?:my )?cards|card debt|card balances?)\b/i],
  [
    "home_improvement",
    /\b(?:home (?:improvements?|repairs?|renovation|reno)|house repairs?|renovat\w*|remodel\w*|new roof|roof|kitchen|bathroom|ac unit|air condition\w*|(?:house|home) accessible|accessibility|wheelchair ramp|repairs? (?:on|to) (?:my|the) (?:house|home))\b/i,
  ],
  ["car", /\b(?:car|auto|vehicle|truck|motorcycle)\b/i],
  ["small_business", /\b(?:business|startup|start-up|equipment|start a \w+)\b/i],
  ["education", /\b(?:tuition|school|college|education|degree|classes|course)\b/i],
  ["wedding", /\b(?:wedding|getting married)\b/i],
  // "a bad move" is a verdict, not a relocation.
  ["moving", /\b(?:moving|relocat\w*|move (?:to|across|out|house|for))\b/i],
  ["vacation", /\b(?:vacation|holiday|trip|travel)\b/i],
  ["major_purchase", /\b(?:furniture|appliances?|computer|laptop|purchase|buy (?:a|an|some)|engagement ring|ring)\b/i],
  ["other", /\b(?:vet|emergency|catch up on bills)\b/i],
];

function purposeOf(text: string): LoanPurpose | undefined {
  // Cards are a kind of debt: "consolidate my cards" is consolidation, "pay off my credit cards" refinances them.
  if (/\bconsolidat/i.test(text)) return "debt_consolidation";
  return PURPOSES.find(([, pattern]) => pattern.test(text))?.[0];
}

function housingOf(text: string): Housing | undefined {
  if (/\b(?:rent(?:s|ing|er)?|tenant|apartment)\b/i.test(text) && !/\brent(?:al)? (?:property|income)\b/i.test(text))
    return "rent";
  if (/\bmortgage\b/i.test(text)) return "mortgage";
  if (/\b(?:homeowner|own (?:my|a|the|our) (?:home|house|place|condo)|paid[- ]off (?:home|house))\b/i.test(text))
    return "own";
  return undefined;
}

const BANDS: [CreditBand, number][] = [
  ["exceptional", 800],
  ["very_good", 740],
  ["good", 670],
  ["fair", 580],
  ["poor", 300],
];
const bandOf = (score: number): CreditBand => BANDS.find(([, floor]) => score >= floor)![0];

function credit(text: string): Pick<QuestionFacets, "creditScore" | "creditBand"> {
  const score =
    /\b(?:credit score|fico(?: score)?|score)\b[^\d.?!]{0,15}(\d{3})\b/i.exec(text) ??
    /\b(\d{3})\s*(?:credit score|fico|score|credit)\b/i.exec(text);
  if (score) {
    const value = Number(score[1]);
    if (value >= 300 && value <= 850) return { creditScore: value, creditBand: bandOf(value) };
  }
  const words =
    /\b(very good|excellent|exceptional|great|good|fair|ok(?:ay)?|average|poor|bad|terrible)\s+credit\b/i.exec(text) ??
    /\bcredit(?: is| rating is)?,?\s+(very good|excellent|exceptional|great|good|fair|ok(?:ay)?|average|poor|bad|terrible)\b/i.exec(
      text,
    );
  if (!words) return {};
  const word = words[1]!.toLowerCase();
  const band: CreditBand =
    word === "very good"
      ? "very_good"
      : ["excellent", "exceptional", "great"].includes(word)
        ? "exceptional"
        : word === "good"
          ? "good"
          : ["poor", "bad", "terrible"].includes(word)
            ? "poor"
            : "fair";
  return { creditBand: band };
}

export function extractFacets(question: string): QuestionFacets {
  // Places are blanked first: a ZIP code is not an amount ("Portland, ME 04101").
  const text = markPlaces(question).text.replace(/\s+/g, " ");
  const facets: QuestionFacets = {};
  const used: { start: number; end: number }[] = [];
  const take = (start: number, length: number) => used.push({ start, end: start + length });

  const employment = EMPLOYMENT.exec(text);
  if (employment) {
    const value = toNumber(employment[1] ?? employment[3]!);
    const unit = employment[2] ?? employment[4]!;
    // Two decimals: "3 months" is 0.25 years, not 0.3.
    facets.employmentYears = /^m/i.test(unit) ? Math.round((value / 12) * 100) / 100 : value;
    take(employment.index, employment[0].length);
  }

  const compared = TERMS_COMPARED.exec(text);
  if (
    compared &&
    !used.some((span) => overlaps(span, { start: compared.index, end: compared.index + compared[0].length }))
  ) {
    const [a, unitA, b, unitB] = compared[1]
      ? [compared[1], compared[2], compared[3], compared[4]]
      : [compared[5], compared[6], compared[7], compared[6]];
    const unit = (unitA ?? unitB)!;
    const terms = [termMonths(Number(a), unitA ?? unit), termMonths(Number(b), unitB ?? unit)].sort((x, y) => x - y);
    if (terms[0] !== terms[1] && terms.every((months) => months >= 6 && months <= 120)) {
      facets.termsCompared = terms;
      take(compared.index, compared[0].length);
    }
  }
  if (!facets.termsCompared) {
    const spread = spreadTermsCompared(text, used);
    if (spread) facets.termsCompared = spread;
  }
  if (!facets.termsCompared) {
    for (const term of text.matchAll(new RegExp(ONE_TERM.source, "gi"))) {
      if (used.some((span) => overlaps(span, { start: term.index, end: term.index + term[0].length }))) continue;
      const value = term[1] ?? term[3] ?? term[5] ?? term[7];
      const unit = term[2] ?? term[4] ?? term[6] ?? term[8];
      const months = termMonths(toNumber(value!), unit!);
      if (months >= 6 && months <= 120) {
        facets.termMonths = months;
        take(term.index, term[0].length);
        break;
      }
    }
  }

  const utilization =
    /\butili[sz](?:ation|ed|ing)?\b[^\d%$]{0,25}(\d{1,3}(?:\.\d+)?)\s*%/i.exec(text) ??
    /(\d{1,3}(?:\.\d+)?)\s*%\s*(?:revolving\s+|credit\s+|card\s+)*(?:utili[sz]ation|utilized|used)/i.exec(text) ??
    /\bcards? (?:are|is) (?:at|about|around)?\s*(\d{1,3}(?:\.\d+)?)\s*%/i.exec(text);
  if (utilization) {
    facets.utilization = Number(utilization[1]);
    take(utilization.index, utilization[0].length);
  }

  const dti =
    /\b(?:dti|debt[- ]to[- ]income(?: ratio)?)\b[^\d.?!]{0,15}(\d{1,2}(?:\.\d+)?)\s*%?/i.exec(text) ??
    /\b(\d{1,2}(?:\.\d+)?)\s*%\s*(?:dti|debt[- ]to[- ]income)/i.exec(text);
  if (dti) {
    facets.dti = Number(dti[1]);
    take(dti.index, dti[0].length);
  }

  Object.assign(facets, credit(text));
  const score = /\b\d{3}\b/.exec(text);
  if (facets.creditScore && score) take(score.index, 3);

  const before = INCOME_BEFORE.exec(text);
  const afterMatch = before ? null : INCOME_AFTER.exec(text);
  // "I can pay about $200 a month" is a payment, not an income.
  const after =
    afterMatch && /\b(?:pay|payments?|afford|spend)\b[^.?!$\d]{0,15}$/i.test(text.slice(0, afterMatch.index))
      ? null
      : afterMatch;
  if (before || after) {
    const match = (before ?? after)!;
    const moneyText = match[1]!;
    const [money] = moneyIn(moneyText);
    const period = (before ? match[8] : (match[7] ?? match[8])) ?? "";
    if (money) {
      const monthly = /^mo/i.test(period);
      const yearly = monthly ? money.value * 12 : money.value;
      if (yearly >= 1_000) {
        facets.income = yearly;
        take(match.index, match[0].length);
      }
    }
  }

  // "a $15,000 car" is a price, not what they borrow: a figure naming a thing is not the amount.
  const price = /^\s*(?:car|truck|vehicle|motorcycle|boat|house|home|ring)\b(?!\s+loan)/i;
  const amounts = moneyIn(text).filter(
    (money) => !used.some((span) => overlaps(span, money)) && money.value >= 100 && !price.test(text.slice(money.end)),
  );
  const amountsCompared = /\bor\b|\bvs\.?\b|\bversus\b/i;
  if (
    amounts.length >= 2 &&
    amountsCompared.test(text.slice(amounts[0]!.end, amounts[1]!.start)) &&
    amounts[0]!.value !== amounts[1]!.value
  ) {
    facets.amountsCompared = [amounts[0]!.value, amounts[1]!.value].sort((a, b) => a - b);
  } else if (amounts[0]) {
    facets.amount = amounts[0].value;
  }

  const purpose = purposeOf(text);
  if (purpose) facets.purpose = purpose;
  const housing = housingOf(text);
  if (housing) facets.housing = housing;
  return facets;
}
