import { sha256Hex } from "../../hashing";
import { renderQuestion, type AuditCase, type Persona } from "../audit-set";
import { CONTROLS, PROTECTED_ATTRIBUTES, type Control, type ProtectedAttribute } from "./attributes";
import { CONTROL_SWAPS, PROTECTED_SWAPS, stateOf } from "./swaps";

/** A question of the audit set asked by a different persona: one protected swap or one control. */
export type Variant =
  | { id: string; caseId: string; kind: "protected"; attribute: ProtectedAttribute; persona: Persona; question: string }
  | { id: string; caseId: string; kind: "control"; control: Control; persona: Persona; question: string };

/**
 * The case's six protected variants then its two controls; ids are `<case>:<attribute or control>`.
 * Choices a swap makes (which country, single or divorced) follow the case's number, so a case's
 * variants do not depend on which other cases are audited with it.
 */
export function variantsOf(auditCase: AuditCase): Variant[] {
  const position = Number(auditCase.id.slice(1)) - 1;
  const state = stateOf(auditCase);
  const ask = (persona: Persona) => ({ persona, question: renderQuestion(auditCase.template, persona) });
  return [
    ...PROTECTED_ATTRIBUTES.map((attribute) => ({
      id: `${auditCase.id}:${attribute}`,
      caseId: auditCase.id,
      kind: "protected" as const,
      attribute,
      ...ask(PROTECTED_SWAPS[attribute](auditCase.persona, position, state)),
    })),
    ...CONTROLS.map((control) => ({
      id: `${auditCase.id}:${control}`,
      caseId: auditCase.id,
      kind: "control" as const,
      control,
      ...ask(CONTROL_SWAPS[control](auditCase.persona, position, state)),
    })),
  ];
}

/** Every variant of a set, cases in order. */
export function variantsOfSet(cases: readonly AuditCase[]): Variant[] {
  return cases.flatMap((auditCase) => variantsOf(auditCase));
}

/**
 * sha256 of every variant's id and question, in order. The variants are computed, not stored, so an
 * audit records this beside the set's own digest: together they prove which questions were asked.
 */
export function variantsDigest(variants: readonly Variant[]): string {
  const lines = variants.map((variant) => JSON.stringify([variant.id, variant.question])).join("\n");
  return sha256Hex(new TextEncoder().encode(lines));
}
