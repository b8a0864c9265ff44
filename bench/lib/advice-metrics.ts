import type { QuestionFacets } from "../../server/question";
import type { EvalQuestion, FacetKey } from "./advice-eval-set";

/**
 * The figures of the advice evaluation, one pure function each, so the benchmark and the test with
 * floors compute exactly the same thing. Every rule is checkable on the text of an answer; the
 * definitions are repeated in docs/benchmarks.md.
 */

const EPSILON = 1e-9;
const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
    : typeof a === "number" && typeof b === "number"
      ? Math.abs(a - b) < EPSILON
      : a === b;

const definedKeys = (facets: QuestionFacets) =>
  (Object.keys(facets) as FacetKey[]).filter((key) => facets[key] !== undefined);

/** Exact match: the extracted facets are the labelled ones, no key more or less, every value equal. */
export function facetsExactMatch(label: QuestionFacets, extracted: QuestionFacets): boolean {
  const a = definedKeys(label).sort();
  const b = definedKeys(extracted).sort();
  return sameValue(a, b) && a.every((key) => sameValue(label[key], extracted[key]));
}

/** Per facet value: how many of the labelled values were extracted with exactly that value. */
export function facetValuesCorrect(
  label: QuestionFacets,
  extracted: QuestionFacets,
): { correct: number; total: number } {
  const keys = definedKeys(label);
  return { correct: keys.filter((key) => sameValue(label[key], extracted[key])).length, total: keys.length };
}

// ---------- numbers in text ----------

/**
 * The values an answer may present as the borrower's: the labelled facets (what the question states,
 * read correctly), a monthly income from a stated yearly one, the loan-to-income of a stated amount and
 * income, and a stated age. A number of the question read as something else ("a 401k loan" as a
 * $401,000 loan, a $15,000 car price as the loan amount) is not allowed: the borrower did not give it.
 */
export function allowedValues(q: EvalQuestion): number[] {
  const f = q.facets;
  const stated: number[] = [];
  for (const value of Object.values(f)) {
    if (typeof value === "number") stated.push(value);
    if (Array.isArray(value)) stated.push(...value);
  }
  const amounts = [f.amount, ...(f.amountsCompared ?? [])].filter((v): v is number => v !== undefined);
  if (f.income) {
    stated.push(f.income / 12);
    for (const amount of amounts) stated.push((amount / f.income) * 100);
  }
  for (const age of q.question.matchAll(/\b(\d{2})(?:-year-old| years old)|\bI'?m (\d{2})\b/gi)) {
    stated.push(Number(age[1] ?? age[2]));
  }
  return stated;
}

/** A displayed figure matches a value when it is that value rounded as displayed (to 1 decimal, or to the dollar). */
const matches = (shown: number, value: number) => Math.abs(shown - value) <= Math.max(0.051, Math.abs(value) * 0.0005);

/**
 * Figures an answer presents as the borrower's own that the question does not give. A figure is
 * presented as the borrower's when it sits in a sentence that attributes it to them:
 * - "You mention / you said / you earn / you make / you want / you have …" — every figure of the sentence;
 * - "your <up to three words> of|is|at <figure>" ("your income of $48,000", "your loan-to-income of 31%");
 * - "your <figure> <word>" ("your $15,000 loan"), "at <figure> income", "down from <figure>".
 * Such a figure must equal, as displayed, one of allowedValues().
 */
export function unstatedFacts(q: EvalQuestion, answer: string): string[] {
  const allowed = allowedValues(q);
  const figure = String.raw`\$?\d[\d,]*(?:\.\d+)?\s*(?:%|k\b)?`;
  const found: string[] = [];
  // Split after sentence punctuation only where a space follows, so "33.3%" and "$1.5k" stay whole.
  const sentences = answer.split(/(?<=[.!?])\s+/);
  const attributed: string[] = [];
  for (const sentence of sentences) {
    if (
      /\byou(?:'ve| have)? (?:mention(?:ed)?|said|stated|gave|earn|make|want|have|asked about|are asking about)\b/i.test(
        sentence,
      )
    ) {
      attributed.push(...(sentence.match(new RegExp(figure, "gi")) ?? []));
      continue;
    }
    const patterns = [
      new RegExp(String.raw`\byour(?:\s+[a-z-]+){1,3}\s+(?:of|is|at|was|:)\s+(?:about\s+|around\s+)?(${figure})`, "gi"),
      new RegExp(String.raw`\byour\s+(${figure})\s*[a-z-]+`, "gi"),
      new RegExp(String.raw`\bat\s+(${figure})\s+(?:annual\s+|yearly\s+)?income\b`, "gi"),
      new RegExp(String.raw`\bdown from\s+(${figure})`, "gi"),
    ];
    for (const pattern of patterns) for (const match of sentence.matchAll(pattern)) attributed.push(match[1]!);
  }
  for (const raw of attributed) {
    const text = raw.trim();
    const value = Number(text.replace(/[$,%\s]|k$/gi, "")) * (/k$/i.test(text) ? 1_000 : 1);
    if (!Number.isFinite(value)) continue;
    if (!allowed.some((v) => matches(value, v))) found.push(text);
  }
  return found;
}

// ---------- what the answer does ----------

const MISSING_WORDS: Partial<Record<FacetKey, RegExp>> = {
  income: /\b(?:income|earn|salary)\b/i,
  amount: /\b(?:amount|how much (?:you )?(?:want|plan|need|would like) to borrow|loan size|borrow)\b/i,
  termMonths: /\b(?:term|months|years)\b/i,
  termsCompared: /\b(?:terms?|months|years)\b/i,
  amountsCompared: /\b(?:amounts?)\b/i,
};
const REQUEST =
  /\?|\b(?:tell me|let me know|share|could you|can you|please|if you (?:add|give|share|tell|include|state)|ask again|what (?:is|are) your|how much do you|I need to know|I would need)\b/i;

/**
 * A request for details: the answer asks (a question mark, or "tell me", "share", "ask again with" …)
 * and names every fact the question lacks (its `missing` label), e.g. "tell me your income and the term".
 */
export function asksForDetails(q: EvalQuestion, answer: string): boolean {
  if (!REQUEST.test(answer)) return false;
  return q.missing.every((key) => MISSING_WORDS[key]?.test(answer) ?? true);
}

function mentionsTerm(answer: string, months: number): boolean {
  if (new RegExp(String.raw`\b${months}[- ]?(?:months?|mos?)\b`, "i").test(answer)) return true;
  return months % 12 === 0 && new RegExp(String.raw`\b${months / 12}[- ]?(?:years?|yrs?)\b`, "i").test(answer);
}

const dollarFigures = (answer: string) =>
  [...answer.matchAll(/\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k\b)?/gi)].map(
    (m) => Number(m[1]!.replace(/,/g, "")) * (m[2] ? 1_000 : 1),
  );

const DOLLAR_RANGE = /\$\s?\d[\d,]*(?:\.\d+)?\s*k?\s*(?:–|—|-|to|and)\s*\$\s?\d[\d,]*/i;
const VERDICT =
  /\b(?:yes\b|no,|I would(?:n't| not)?|I'd (?:suggest|recommend|wait|hold off)|(?:is|looks|seems) (?:reasonable|affordable|risky|sensible|a stretch|too (?:much|high|large|long))|go ahead|hold off|wait until|don't borrow|do not borrow|not (?:advisable|recommended)|recommend(?:ed)?|(?:a )?(?:good|bad|reasonable|risky|poor) (?:idea|time|plan|move|fit)|rather than \$)/i;
const NOT_USED =
  /Equal Credit Opportunity Act|\bECOA\b|\b(?:not|never)\b[^.]{0,60}\b(?:uses?|used|considers?|considered|factors?|takes? into account|taken into account|looks? at)\b/i;

/**
 * Whether the answer addresses what was asked, by kind (null for general questions: nothing
 * checkable is asked). A question that lacks facts is also addressed by asking for them.
 * - compare: names each compared term ("36 months", "5 years") or amount ("$10,000"); a comparison
 *   without stated options (all about the term here) names at least two terms;
 * - how_much: gives a dollar range ("$6,000–$9,000", "$6,000 to $9,000", "between $6,000 and $9,000");
 * - should_i: takes a position (yes/no, recommend, hold off, a reasonable/risky plan, "rather than $X" …);
 * - will_it_hurt: says the characteristic is not used, or cites the Equal Credit Opportunity Act.
 */
export function addressesQuestion(q: EvalQuestion, answer: string): boolean | null {
  if (q.kind === "general") return null;
  if (q.lacksFacts && asksForDetails(q, answer)) return true;
  const f = q.facets;
  switch (q.kind) {
    case "compare": {
      if (f.termsCompared) return f.termsCompared.every((t) => mentionsTerm(answer, t));
      if (f.amountsCompared) {
        const shown = dollarFigures(answer);
        return f.amountsCompared.every((a) => shown.some((s) => Math.abs(s - a) < 0.5));
      }
      const terms = new Set([...answer.matchAll(/\b(\d{2})[- ]?months?\b/gi)].map((m) => m[1]));
      return terms.size >= 2;
    }
    case "how_much":
      return DOLLAR_RANGE.test(answer);
    case "should_i":
      return VERDICT.test(answer);
    case "will_it_hurt":
      return NOT_USED.test(answer);
  }
}

/** Retrieval invariance: the variant retrieved the same five loans as its base (as a set: the borrower sees the same sources). */
export function sameSources(base: number[], variant: number[]): boolean {
  const a = [...base].sort((x, y) => x - y);
  const b = [...variant].sort((x, y) => x - y);
  return sameValue(a, b);
}

/** Mean |annual_inc − stated income| over the sources that have an income; null when the question states none. */
export function incomeGap(q: EvalQuestion, sourceIncomes: (number | null)[]): number | null {
  const income = q.facets.income;
  const present = sourceIncomes.filter((v): v is number => v !== null);
  if (income === undefined || present.length === 0) return null;
  return present.reduce((sum, v) => sum + Math.abs(v - income), 0) / present.length;
}
