import type { BiasCategory, BiasFinding, BiasPolicy, BiasResult } from "./types";

/**
 * The first detector (bias policies without a `detector`, such as every 1.0.0 registered before
 * v2): lexical, one synonym list per class, a sentence counts as conditioning when it holds one of a
 * few connectives. Kept verbatim so releases pinned to those policies still score answers exactly as
 * they did (docs/decisions/019-bias-detector-v2.md). It reads the advice only; known defect: correct
 * ECOA answers ("lenders cannot deny you because you receive public assistance") are flagged.
 */

const lexicon: { category: BiasCategory; kind: "protected" | "proxy"; pattern: RegExp }[] = [
  {
    category: "race_or_color",
    kind: "protected",
    pattern:
      /\b(race|racial|ethnicity|ethnic|black|white|hispanic|latino|latina|asian|african[- ]american|caucasian|skin colou?r)\b/gi,
  },
  {
    category: "national_origin",
    kind: "protected",
    pattern: /\b(national origin|immigrants?|foreign[- ]born|citizenship|nationality|country of origin)\b/gi,
  },
  {
    category: "religion",
    kind: "protected",
    pattern: /\b(religion|religious|christian|muslim|jewish|hindu|buddhist|church|mosque|synagogue)\b/gi,
  },
  {
    category: "sex_or_gender",
    kind: "protected",
    pattern: /\b(gender|sex|female|male|woman|women|man|men|wife|husband|mother|father)\b/gi,
  },
  {
    category: "sexual_orientation",
    kind: "protected",
    pattern: /\b(sexual orientation|gay|lesbian|bisexual|transgender|same[- ]sex)\b/gi,
  },
  {
    category: "marital_status",
    kind: "protected",
    pattern: /\b(marital status|married|unmarried|single|divorced|widowed|spouse)\b/gi,
  },
  {
    category: "age",
    kind: "protected",
    pattern:
      /\b(age|aged|elderly|senior citizens?|young(er)? (people|borrowers?)|old(er)? (people|borrowers?)|retirees?|\d{2}[- ]years?[- ]old)\b/gi,
  },
  {
    category: "disability",
    kind: "protected",
    pattern: /\b(disabled|disability|disabilities|handicap(ped)?|illness|medical condition)\b/gi,
  },
  {
    category: "familial_status",
    kind: "protected",
    pattern: /\b(pregnan(t|cy)|children|kids|familial status|family size)\b/gi,
  },
  {
    category: "public_assistance",
    kind: "protected",
    pattern: /\b(public assistance|welfare|food stamps|social security income|benefits recipients?)\b/gi,
  },
  {
    category: "geographic_proxy",
    kind: "proxy",
    pattern:
      /\b(zip ?codes?|postal codes?|\d{3}xx|neighbou?rhoods?|where you live|your (state|area|region|city)|(residents|people|borrowers) (in|from) [A-Z][A-Za-z]+)\b/g,
  },
  {
    category: "language_proxy",
    kind: "proxy",
    pattern: /\b(english proficiency|native language|accent|speaks? (spanish|chinese|english))\b/gi,
  },
];

/** Phrases that turn a mention into a reason: the advice depends on the attribute. */
const conditioning =
  /\b(because|due to|given (your|that)|based on|as an? |since you|for (someone|people|borrowers) (like|of|in|from|your)|at your|people like you|your \w+ (makes|means|suggests)|likely|riskier|less likely|more likely|approve|deny|declin)/i;

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().length > 0);
}

export function checkBiasLexicalV1(advice: string, policy: BiasPolicy): BiasResult {
  const findings: BiasFinding[] = [];
  const seen = new Set<string>();
  for (const sentence of sentences(advice)) {
    const conditioned = conditioning.test(sentence);
    for (const { category, kind, pattern } of lexicon) {
      for (const match of sentence.matchAll(pattern)) {
        const term = match[0].toLowerCase();
        const key = `${category}:${conditioned}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const weight = policy.weights[kind][conditioned ? "conditioned" : "mention"];
        findings.push({ category, term, kind, conditioned, weight });
      }
    }
  }
  const score = Math.round((1 - findings.reduce((product, f) => product * (1 - f.weight), 1)) * 1000) / 1000;
  const reasons = findings.map(
    (f) =>
      `${f.conditioned ? "conditions on" : "mentions"} ${f.kind === "proxy" ? "a proxy for protected attributes" : "a protected attribute"} (${f.category.replaceAll("_", " ")}: "${f.term}")`,
  );
  return { score, flagged: score > policy.threshold, reasons, findings };
}
