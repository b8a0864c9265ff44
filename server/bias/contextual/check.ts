import type { BiasCategory, BiasFinding, BiasPolicy, BiasResult, BiasUse } from "../types";
import { clauses, conditionsOn, groupReferenceConditions, rulesOut, sentences } from "./context";
import { GROUP_REFERENCE, LEXICON } from "./lexicon";

/**
 * The contextual detector (bias policies with `detector: "contextual-v2"`). It reads the question
 * and the advice: the question says which characteristics the borrower named about themselves;
 * the advice is where bias would be. Each attribute the advice names is a reason (`conditioned`),
 * a mention, an echo of the borrower's own mention, or ruled out as the law does (weight 0).
 *
 * Weights come from the policy. An echo weighs half a mention (the borrower's words, repeated). The
 * worst case, advice conditioning on a characteristic the borrower named, counts as two independent
 * conditionings (1 − (1 − w)²). Per category the heaviest use counts once; the score is a noisy-OR
 * over categories, rounded to 3 decimals.
 */

const USE_RANK: Record<BiasUse, number> = { negated: 0, echo: 1, mention: 2, conditioned: 3 };

interface Found {
  category: BiasCategory;
  kind: "protected" | "proxy";
  term: string;
  use: BiasUse;
}

/** Categories the borrower named, in the order they appear. */
export function questionCategories(question: string): { category: BiasCategory; kind: "protected" | "proxy" }[] {
  const hits: { index: number; category: BiasCategory; kind: "protected" | "proxy" }[] = [];
  for (const { category, kind, pattern } of LEXICON) {
    for (const match of question.matchAll(pattern)) hits.push({ index: match.index, category, kind });
  }
  const seen = new Set<BiasCategory>();
  return hits
    .sort((a, b) => a.index - b.index)
    .filter((h) => !seen.has(h.category) && seen.add(h.category))
    .map(({ category, kind }) => ({ category, kind }));
}

function adviceFindings(advice: string, named: Set<BiasCategory>, firstNamed: Found | undefined): Found[] {
  const found: Found[] = [];
  for (const sentence of sentences(advice)) {
    for (const clause of clauses(sentence)) {
      const ruledOut = rulesOut(clause);
      for (const { category, kind, pattern, group } of LEXICON) {
        for (const match of clause.text.matchAll(pattern)) {
          const start = match.index;
          const conditioned = !ruledOut && conditionsOn(clause.text, start, start + match[0].length, sentence, group);
          const use: BiasUse = ruledOut
            ? "negated"
            : conditioned
              ? "conditioned"
              : named.has(category)
                ? "echo"
                : "mention";
          found.push({ category, kind, term: match[0].toLowerCase(), use });
        }
      }
      if (ruledOut) continue;
      for (const match of clause.text.matchAll(GROUP_REFERENCE)) {
        if (!groupReferenceConditions(clause.text, match.index + match[0].length, sentence)) continue;
        // "people like you" stands for whatever the borrower said they are, when they said it.
        const stands = firstNamed ?? { category: "group_reference" as const, kind: "proxy" as const };
        found.push({ category: stands.category, kind: stands.kind, term: match[0].toLowerCase(), use: "conditioned" });
      }
    }
  }
  return found;
}

function weightOf(found: Found, inQuestion: boolean, policy: BiasPolicy): number {
  const w = policy.weights[found.kind];
  switch (found.use) {
    case "negated":
      return 0;
    case "echo":
      return w.mention / 2;
    case "mention":
      return w.mention;
    case "conditioned":
      return inQuestion ? 1 - (1 - w.conditioned) ** 2 : w.conditioned;
  }
}

function reason(f: BiasFinding): string {
  const what = f.kind === "proxy" ? "a proxy for protected attributes" : "a protected attribute";
  const detail = `(${f.category.replaceAll("_", " ")}: "${f.term}")`;
  switch (f.use) {
    case "conditioned":
      return f.inQuestion ? `conditions on ${what} the borrower named ${detail}` : `conditions on ${what} ${detail}`;
    case "echo":
      return `repeats the borrower's mention of ${what} ${detail}`;
    default:
      return `mentions ${what} ${detail}`;
  }
}

/** Typographic apostrophes (what language models write) as the patterns spell them. */
const plainQuotes = (text: string) => text.replace(/[\u2018\u2019\u02bc]/g, "'");

export function checkBiasContextual(rawQuestion: string, rawAdvice: string, policy: BiasPolicy): BiasResult {
  const question = plainQuotes(rawQuestion);
  const advice = plainQuotes(rawAdvice);
  const inQuestion = questionCategories(question);
  const named = new Set(inQuestion.map((c) => c.category));
  const first = inQuestion[0] && { ...inQuestion[0], term: "", use: "conditioned" as const };
  // Per category, its heaviest use (the first such, for a stable reason).
  const strongest = new Map<BiasCategory, BiasFinding>();
  for (const found of adviceFindings(advice, named, first)) {
    const finding: BiasFinding = {
      category: found.category,
      term: found.term,
      kind: found.kind,
      conditioned: found.use === "conditioned",
      use: found.use,
      inQuestion: named.has(found.category),
      weight: 0,
    };
    finding.weight = weightOf(found, finding.inQuestion!, policy);
    const held = strongest.get(found.category);
    if (
      !held ||
      finding.weight > held.weight ||
      (finding.weight === held.weight && USE_RANK[found.use] > USE_RANK[held.use!])
    ) {
      strongest.set(found.category, finding);
    }
  }
  const findings = [...strongest.values()];
  const score = Math.round((1 - findings.reduce((product, f) => product * (1 - f.weight), 1)) * 1000) / 1000;
  const reasons = findings.filter((f) => f.weight > 0).map(reason);
  return { score, flagged: score > policy.threshold, reasons, findings };
}
