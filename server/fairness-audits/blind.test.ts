import { describe, expect, it } from "vitest";
import { loadAuditSet, variantsOf, type Persona } from "../fairness";
import { askedCase, blindPair, sideShownAsA } from "./blind";
import { sharedQuestion, WITHHELD, withholdPhrases } from "./blind-text";
import type { fairnessAuditPairs, StoredAuditAnswer } from "./tables";

/** A stored pair of the shipped audit set's first case and its sex swap, with answers that echo the persona. */
const auditCase = loadAuditSet().set.cases[0]!;
const variant = variantsOf(auditCase).find((v) => v.id === `${auditCase.id}:sex`)!;
const greeting = (persona: Persona) =>
  `Hi ${persona.firstName} ${persona.lastName}, at ${persona.age} and ${persona.maritalStatus} in ${persona.city}, ` +
  `${persona.pronouns.split("/")[0]} should not borrow $5,000 at 18% APR.`;

const answer = (question: string, persona: Persona, label: StoredAuditAnswer["label"]): StoredAuditAnswer => ({
  question,
  advice: greeting(persona),
  label,
  amounts: [5000],
  rates: [18],
  sources: [11, 12, 13],
  flagged: true,
});

const pair: typeof fairnessAuditPairs.$inferSelect = {
  id: 4242,
  auditId: 7,
  caseId: auditCase.id,
  swap: "sex",
  kind: "protected",
  original: answer(auditCase.question, auditCase.persona, "decline"),
  variant: answer(variant.question, variant.persona, "proceed"),
  disparity: 0.47,
  parts: { label: 1, amounts: 0, rates: 0, sources: 0, embedding: 0.1 },
  createdAt: new Date(),
};

/** Every key of a JSON value, nested ones as paths. */
function keysOf(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keysOf(inner, `${prefix}${key}.`)]);
}

describe("a blinded pair", () => {
  const blind = blindPair(pair, "ann@review.test", askedCase(pair, "v1"));

  it("carries the question and the two answers' advice, and nothing else of the pair", () => {
    expect(keysOf(blind).sort()).toEqual(["a", "a.advice", "auditId", "b", "b.advice", "pairId", "question"]);
  });

  it("shows the question's template with every persona detail withheld, and withholds them where an answer echoes them", () => {
    const text = JSON.stringify(blind);
    for (const persona of [auditCase.persona, variant.persona]) {
      for (const detail of [persona.firstName, persona.lastName, persona.pronouns, persona.city, ` ${persona.age} `])
        expect(text).not.toContain(detail);
    }
    for (const hint of [
      "sex",
      "female",
      "male",
      "protected",
      "original",
      "variant",
      "swap",
      "0.47",
      "decline",
      "proceed",
    ])
      expect(text.toLowerCase()).not.toContain(hint);
    // Eight slots in the template, each withheld (filled or empty alike).
    expect(blind.question.split(WITHHELD)).toHaveLength(9);
    expect(blind.question).toContain("I'd like to borrow $5,000 over 36 months.");
    // The answers still say what they advise.
    expect(blind.a.advice).toBe(
      `Hi ${WITHHELD} ${WITHHELD}, at ${WITHHELD} and ${WITHHELD} in ${WITHHELD}, ${WITHHELD} should not borrow $5,000 at 18% APR.`,
    );
    expect(blind.b.advice).toBe(blind.a.advice);
  });

  it("puts the answers in an order fixed per pair and reviewer, each order for about half of them", () => {
    expect(sideShownAsA(4242, "ann@review.test")).toBe(sideShownAsA(4242, "ann@review.test"));
    const again = blindPair(pair, "ann@review.test", askedCase(pair, "v1"));
    expect(again).toEqual(blind);
    const sides = Array.from({ length: 400 }, (_, i) => sideShownAsA(i + 1, "ann@review.test"));
    const originalFirst = sides.filter((side) => side === "original").length;
    // Binomial(400, ½): 200 ± 30 is more than three standard deviations (10) either way.
    expect(originalFirst).toBeGreaterThan(170);
    expect(originalFirst).toBeLessThan(230);
    const reviewers = Array.from({ length: 40 }, (_, i) => sideShownAsA(4242, `reviewer-${i}@review.test`));
    expect(new Set(reviewers)).toEqual(new Set(["original", "variant"]));
  });

  it("follows the order it names: Answer A is the stored side sideShownAsA says", () => {
    const distinct = { ...pair, variant: { ...pair.variant, advice: "Borrow it." } };
    for (const reviewer of ["ann@review.test", "bob@review.test", "cy@review.test", "dee@review.test"]) {
      const shown = blindPair(distinct, reviewer, null);
      expect(shown.a.advice === "Borrow it.").toBe(sideShownAsA(distinct.id, reviewer) === "variant");
    }
  });
});

describe("blinding without the audit set's template", () => {
  it("is refused as a template when the audit asked another set version or other questions", () => {
    expect(askedCase(pair, "v0")).toBeNull();
    expect(askedCase({ ...pair, variant: { ...pair.variant, question: "edited" } }, "v1")).toBeNull();
  });

  it("shows the words the questions share, withholds each differing run, and withholds those words in the answers", () => {
    const { question, phrases } = sharedQuestion(
      "Hi, I'm Emily Walsh (she/her), 29, married. I moved here from Mexico. I earn $40,000.",
      "Hi, I'm Greg Walsh (he/him), 29, married. I earn $40,000.",
    );
    expect(question).toBe(`Hi, I'm ${WITHHELD} Walsh ${WITHHELD} 29, married. I ${WITHHELD} earn $40,000.`);
    // "I" also stands among the shared words, so it identifies nobody and stays in the answers.
    expect(phrases.sort()).toEqual(["emily", "from", "greg", "he/him", "here", "mexico", "moved", "she/her"]);
    expect(withholdPhrases("Greg, from what you say, I would wait.", phrases)).toBe(
      `${WITHHELD}, ${WITHHELD} what you say, I would wait.`,
    );
  });

  it("blinds a pair that way when no template is at hand", () => {
    const blind = blindPair(pair, "ann@review.test", null);
    expect(keysOf(blind).sort()).toEqual(["a", "a.advice", "auditId", "b", "b.advice", "pairId", "question"]);
    expect(JSON.stringify(blind)).not.toMatch(
      new RegExp(`${auditCase.persona.firstName}|${variant.persona.firstName}`),
    );
  });
});
