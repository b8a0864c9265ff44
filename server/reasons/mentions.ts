import { fieldsOfKind, type FieldKind } from "./fields";

/**
 * The values a piece of text states, each with the profile fields it could be a value of: money
 * ("$42,000", "$42k", "42,000 dollars"), percentages ("6.5%", "10–20%"), terms ("36 months",
 * "a 5-year loan"), years at a job, counts named by their noun ("3 inquiries", "no public
 * records") and categories (repaid / charged off, renter / homeowner / mortgage, verified income,
 * a purpose). A bare number ("4 of 5 loans", "similarity 0.41") states no field and is not a mention.
 */

interface At {
  start: number;
  end: number;
  /** The fields the value may belong to, narrowed by the words around it ("income", "utilization"). */
  fields: string[];
}

export type Mention =
  | (At & { kind: "number"; unit: FieldKind; value: number; tolerance: number })
  | (At & { kind: "category"; values: string[] });

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6 };
const SCALE_WORD = String.raw`(?:\s?(k|thousand|million|m)\b)?`;
const RANGE = String.raw`\s?(?:–|—|-|to)\s?`;

const MONEY = new RegExp(
  String.raw`(?:us\$|\$|\busd\s?)\s?${NUMBER}${SCALE_WORD}(?:${RANGE}(?:us\$|\$)?${NUMBER}${SCALE_WORD})?`,
  "gi",
);
/** "42k" and "42,000 dollars": money without a "$". */
const MONEY_AFTER = new RegExp(String.raw`(?<![\d$.,])${NUMBER}(?:\s?(k)\b|${SCALE_WORD}\s?(?:dollars|usd)\b)`, "gi");
const PERCENT = /(?<![\d.])(\d+)(?:\.(\d+))?(?:\s?(?:–|—|-|to)\s?(\d+)(?:\.(\d+))?)?\s?(?:%|percent\b|per cent\b)/gi;
const MONTHS = /(?<![\d.])(\d+)[\s-]?months?\b/gi;
const YEAR_TERM = /(?<![\d.])(\d+)[\s-]?years?(?=[\s-](?:term|loan))/gi;
const EMPLOYMENT =
  /(?<![\d.])(\d+)(\+)?\s?years?\s+(?:employed|at (?:the|their|his|her|that|your) (?:job|employer)|in (?:the|their|that|your) job|of employment|on the job|with (?:the|their|your) employer)/gi;

const COUNT_WORDS: Record<string, number> = { no: 0, zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5 };
const COUNT_VALUE = String.raw`(\d+|no|zero|one|two|three|four|five)`;
const COUNTS: [field: string, pattern: RegExp][] = [
  ["delinq_2yrs", new RegExp(String.raw`\b${COUNT_VALUE}\s+(?:delinquenc(?:y|ies)|late payments?)`, "gi")],
  ["inq_last_6mths", new RegExp(String.raw`\b${COUNT_VALUE}\s+(?:recent\s+)?(?:credit\s+)?inquir(?:y|ies)`, "gi")],
  ["pub_rec", new RegExp(String.raw`\b${COUNT_VALUE}\s+public\s+records?`, "gi")],
  ["open_acc", new RegExp(String.raw`\b${COUNT_VALUE}\s+open\s+(?:credit\s+)?(?:lines|accounts)`, "gi")],
  ["total_acc", new RegExp(String.raw`\b(\d+)\s+(?:credit\s+lines|accounts)\s+in\s+(?:all|total)`, "gi")],
];

/** Outcomes first in this order: "not repaid" must be read before "repaid". */
const CATEGORIES: [field: string, pattern: RegExp, values: string[]][] = [
  [
    "outcome",
    /\b(?:not|never|n't)\s+(?:been\s+)?(?:fully\s+)?(?:repaid|paid (?:off|back))\b|\bunpaid\b/gi,
    ["charged_off"],
  ],
  ["outcome", /\b(?:fully\s+)?repaid\b|\bpaid (?:off|back|in full)\b|\bfully paid\b/gi, ["fully_paid"]],
  // Past loans' outcomes are said in the past: "likely to default" predicts, "defaulted" reports.
  ["outcome", /\bcharged[\s-]off\b|\bdefaulted\b|\bwritten off\b/gi, ["charged_off"]],
  ["home_ownership", /\brent(?:s|ed|ers?|ing)?\b/gi, ["RENT"]],
  ["home_ownership", /\bmortgages?\b/gi, ["MORTGAGE"]],
  ["home_ownership", /\bhomeowners?\b|\bown(?:s|ed|ing)?\s+(?:a |the |their |your )?homes?\b/gi, ["OWN", "MORTGAGE"]],
  ["verification_status", /\b(?:not|un)[\s-]?verified\b/gi, ["Not Verified"]],
  ["verification_status", /\bsource[\s-]verified\b/gi, ["Source Verified"]],
  ["verification_status", /(?<!\b(?:not|un|source)[\s-]?)\bverified\b/gi, ["Verified", "Source Verified"]],
  ["purpose", /\bdebt consolidation\b|\bconsolidat(?:e|es|ed|ing)\b/gi, ["debt_consolidation"]],
  ["purpose", /\bcredit cards?\b/gi, ["credit_card"]],
  ["purpose", /\bhome improvements?\b/gi, ["home_improvement"]],
  ["purpose", /\b(?:a )?car\b/gi, ["car"]],
  ["purpose", /\bmedical\b/gi, ["medical"]],
  ["purpose", /\bsmall business\b/gi, ["small_business"]],
  ["purpose", /\beducation(?:al)?\b/gi, ["educational"]],
  ["purpose", /\bwedding\b/gi, ["wedding"]],
  ["purpose", /\bmoving\b/gi, ["moving"]],
  ["purpose", /\bvacation\b/gi, ["vacation"]],
  ["purpose", /\bmajor purchase\b/gi, ["major_purchase"]],
];

/** Words that tie a money or percentage value to one field, nearest first. */
const HINTS: Partial<Record<FieldKind, [field: string, pattern: RegExp][]>> = {
  money: [
    ["annual_inc", /\b(?:incomes?|earn(?:s|ed|ing)?|salar(?:y|ies)|a year|per year|annually|yearly|makes?|making)\b/gi],
    ["loan_amnt", /\b(?:borrow(?:s|ed|ing)?|loan amounts?|amounts?|loans? of|lent|took out|principal|asked for)\b/gi],
    ["revol_bal", /\b(?:balances?)\b/gi],
  ],
  percent: [
    ["dti", /\b(?:dti|debt[\s-]to[\s-]income)\b/gi],
    ["loan_to_income_pct", /\bloan[\s-]to[\s-]income\b|(?<!\bto[\s-])\bincomes?\b/gi],
    ["revol_util", /\butili[sz]ation\b|\b(?:card|credit) limits?\b/gi],
    ["int_rate", /\b(?:interest|aprs?|rates?)\b/gi],
  ],
};

/** A clause ends at ; : ( ) and sentence ends, at a comma that is not a thousands separator, and at "and"/"but"/"while". */
const CLAUSE_BREAK = /[;:()!?]|\.(?=\s|$)|,(?!\d{3})|\b(?:and|but|while|whereas)\b/gi;

export function clauseAround(text: string, start: number, end: number): { start: number; end: number } {
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    if (m.index + m[0].length <= start) from = m.index + m[0].length;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  return { start: from, end: to };
}

/**
 * How far a stored value may be from a written one and still be it: half a unit of the last digit
 * written ("6.5%" is 6.45–6.55, "$42k" 41,500–42,500). Trailing zeros of a whole number may be
 * rounding or exact, so that half unit is capped at 1% of the value ("$52,000" is 51,480–52,520,
 * "$50,000" not 45,000–55,000), and never below half a dollar.
 */
function writtenTolerance(whole: string, fraction: string | undefined, scale: number, value: number): number {
  if (scale !== 1) return ((fraction ? 10 ** -fraction.length : 1) * scale) / 2;
  const digits = whole.replace(/,/g, "");
  const zeros = digits.length - digits.replace(/0+$/, "").length;
  const unit = fraction ? 10 ** -fraction.length : 10 ** zeros;
  return Math.min(unit / 2, Math.max(value * 0.01, 0.5));
}

function money(whole: string, fraction: string | undefined, scaleWord: string | undefined) {
  const scale = scaleWord ? SCALE[scaleWord.toLowerCase()]! : 1;
  const value = Number(`${whole.replace(/,/g, "")}${fraction ? `.${fraction}` : ""}`) * scale;
  return { value, tolerance: writtenTolerance(whole, fraction, scale, value) };
}

function hinted(text: string, kind: FieldKind, start: number, end: number): string[] {
  const all = fieldsOfKind(kind);
  const hints = HINTS[kind];
  if (!hints) return all;
  const clause = clauseAround(text, start, end);
  let best: { field: string; distance: number } | null = null;
  for (const [field, pattern] of hints) {
    for (const m of text.slice(clause.start, clause.end).matchAll(pattern)) {
      const at = clause.start + m.index;
      // Words before the value lead ("an income of $52,000"); words after it follow ("$52,000 a year").
      const distance = at < start ? start - (at + m[0].length) : at - end + 0.5;
      if (at + m[0].length <= start || at >= end) {
        if (!best || distance < best.distance) best = { field, distance };
      }
    }
  }
  return best ? [best.field] : all;
}

/**
 * A bound is not a value: "keep utilization below 30%", "incomes over $50,000" say where a line
 * is, not what a loan had. ("Over 36 months" is a term's duration, and terms are not checked.)
 */
const BOUND = /\b(?:below|under|above|over|less than|more than|fewer than|at least|at most|no more than|up to)\s*$/i;

function numbers(text: string): Mention[] {
  const out: Mention[] = [];
  const push = (unit: FieldKind, value: number, tolerance: number, start: number, end: number, fields?: string[]) => {
    if ((unit === "money" || unit === "percent") && BOUND.test(text.slice(Math.max(0, start - 20), start))) return;
    out.push({ kind: "number", unit, value, tolerance, start, end, fields: fields ?? hinted(text, unit, start, end) });
  };

  const taken: [number, number][] = [];
  for (const m of text.matchAll(MONEY)) {
    const end = m.index + m[0].length;
    taken.push([m.index, end]);
    // "$5–12k": a scale written once, at the end, belongs to both ends of the range.
    const first = money(m[1]!, m[2], m[3] ?? m[6]);
    push("money", first.value, first.tolerance, m.index, end);
    if (m[4] !== undefined) {
      const second = money(m[4], m[5], m[6] ?? m[3]);
      push("money", second.value, second.tolerance, m.index, end);
    }
  }
  for (const m of text.matchAll(MONEY_AFTER)) {
    if (taken.some(([a, b]) => m.index >= a && m.index < b)) continue;
    const found = money(m[1]!, m[2], m[3] ?? m[4]);
    push("money", found.value, found.tolerance, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(PERCENT)) {
    const end = m.index + m[0].length;
    const precision = (fraction: string | undefined) => (fraction ? 0.5 * 10 ** -fraction.length : 0.5);
    push("percent", Number(`${m[1]}${m[2] ? `.${m[2]}` : ""}`), precision(m[2]), m.index, end);
    if (m[3] !== undefined) push("percent", Number(`${m[3]}${m[4] ? `.${m[4]}` : ""}`), precision(m[4]), m.index, end);
  }
  for (const m of text.matchAll(MONTHS)) push("term", Number(m[1]), 0, m.index, m.index + m[0].length, ["term"]);
  for (const m of text.matchAll(YEAR_TERM))
    push("term", Number(m[1]) * 12, 0, m.index, m.index + m[0].length, ["term"]);
  for (const m of text.matchAll(EMPLOYMENT)) {
    push("years", Number(m[1]), 0, m.index, m.index + m[0].length, ["emp_length"]);
  }
  for (const [field, pattern] of COUNTS) {
    for (const m of text.matchAll(pattern)) {
      const word = m[1]!.toLowerCase();
      push("count", COUNT_WORDS[word] ?? Number(word), 0, m.index, m.index + m[0].length, [field]);
    }
  }
  return out;
}

function categories(text: string): Mention[] {
  const out: Mention[] = [];
  const taken: [number, number][] = [];
  for (const [field, pattern, values] of CATEGORIES) {
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (taken.some(([a, b]) => m.index < b && end > a)) continue;
      taken.push([m.index, end]);
      out.push({ kind: "category", values, fields: [field], start: m.index, end });
    }
  }
  return out;
}

export function extractMentions(text: string): Mention[] {
  return [...numbers(text), ...categories(text)].sort((a, b) => a.start - b.start);
}

/** The number a stored field value holds, in the unit mentions use (months for a term, years at a job). */
export function fieldNumber(unit: FieldKind, raw: string | number): number | null {
  const text = String(raw).trim();
  if (unit === "years") {
    if (/^<\s*1/.test(text)) return 0;
    const years = /^(\d+)/.exec(text);
    return years ? Number(years[1]) : null;
  }
  if (unit === "term") {
    const months = /^(\d+)/.exec(text);
    return months ? Number(months[1]) : null;
  }
  const parsed = typeof raw === "number" ? raw : Number(text.replace(/[%,$\s]/g, ""));
  return text === "" || !Number.isFinite(parsed) ? null : parsed;
}

/** Whether a profile's stored value is the one a mention states. */
export function accepts(mention: Mention, raw: string | number): boolean {
  if (mention.kind === "category") return mention.values.includes(String(raw));
  const value = fieldNumber(mention.unit, raw);
  return value !== null && Math.abs(value - mention.value) <= mention.tolerance + 1e-9;
}

/** Whether two mentions state the same thing (the borrower's own figure repeated back, say). */
export function sameMention(a: Mention, b: Mention): boolean {
  if (!a.fields.some((field) => b.fields.includes(field))) return false;
  if (a.kind === "category" || b.kind === "category") {
    return a.kind === "category" && b.kind === "category" && a.values.some((v) => b.values.includes(v));
  }
  return a.unit === b.unit && Math.abs(a.value - b.value) <= Math.max(a.tolerance, b.tolerance) + 1e-9;
}
