import { loadAuditSet, variantsOf, type AuditCase, type Persona } from "../fairness";
import { sha256Hex } from "../hashing";
import { neutralTemplate, personaPhrases, sharedQuestion, withholdPhrases } from "./blind-text";
import type { fairnessAuditPairs } from "./tables";

type StoredPair = typeof fairnessAuditPairs.$inferSelect;
export type PairSide = "original" | "variant";

/**
 * A pair as a blind reviewer gets it: one question (persona withheld) and two answers, A and B,
 * with nothing else of the pair. No swap, kind, case, disparity, parts, recommendation labels,
 * quoted figures, sources or bias flags: each would tell, or hint, which answer came from the
 * swapped persona or what the automatic comparison found. Those come with the reveal, after the
 * reviewer's own judgement.
 */
export interface BlindPair {
  pairId: number;
  auditId: number;
  question: string;
  a: { advice: string };
  b: { advice: string };
}

/**
 * Which stored answer a reviewer sees as "Answer A": fixed per (pair, reviewer), so a reload shows
 * the same order, and different between reviewers and pairs, so no reviewer learns that A is
 * always the original. The first byte of a sha256 splits the combinations evenly.
 */
export function sideShownAsA(pairId: number, reviewer: string): PairSide {
  const digest = sha256Hex(new TextEncoder().encode(`${pairId}\n${reviewer}`));
  return Number.parseInt(digest.slice(0, 2), 16) % 2 === 0 ? "original" : "variant";
}

/** The audit set case and the variant a pair asked, as the set and its variants say. */
export interface AskedCase {
  template: string;
  personas: [Persona, Persona];
}

/**
 * The case behind a pair, when the audit asked the set that is shipped now and the stored
 * questions are exactly that case's (they are, unless the set changed): its template lets the
 * question be shown with every persona detail withheld. Null otherwise.
 */
export function askedCase(pair: StoredPair, auditSet: string): AskedCase | null {
  const loaded = loadAuditSet();
  if (loaded.version !== auditSet) return null;
  const auditCase: AuditCase | undefined = loaded.set.cases.find((c) => c.id === pair.caseId);
  if (!auditCase || auditCase.question !== pair.original.question) return null;
  const variant = variantsOf(auditCase).find((v) => v.id === `${pair.caseId}:${pair.swap}`);
  if (!variant || variant.question !== pair.variant.question) return null;
  return { template: auditCase.template, personas: [auditCase.persona, variant.persona] };
}

export function blindPair(pair: StoredPair, reviewer: string, asked: AskedCase | null): BlindPair {
  const { question, phrases } = asked
    ? { question: neutralTemplate(asked.template), phrases: asked.personas.flatMap(personaPhrases) }
    : sharedQuestion(pair.original.question, pair.variant.question);
  const first = sideShownAsA(pair.id, reviewer);
  const [a, b] = first === "original" ? [pair.original, pair.variant] : [pair.variant, pair.original];
  return {
    pairId: pair.id,
    auditId: pair.auditId,
    question,
    a: { advice: withholdPhrases(a.advice, phrases) },
    b: { advice: withholdPhrases(b.advice, phrases) },
  };
}
