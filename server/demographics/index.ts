/**
 * The demographics domain: characteristics a borrower chose to state (optional, HMDA categories),
 * kept apart from their questions and used only for group metrics over logged decisions. Nothing
 * on the advice path imports this domain (server/agent/state.ts has no place for them).
 */
export {
  ATTRIBUTE_LABELS,
  PREFER_NOT_TO_SAY,
  SELF_DECLARED_ATTRIBUTES,
  SELF_DECLARED_OPTIONS,
  selfDeclaredInput,
  type SelfDeclared,
  type SelfDeclaredAttribute,
} from "./attributes";
export { clearSelfDeclared, getSelfDeclared, saveSelfDeclared, type StoredSelfDeclared } from "./store";
export { selfDeclaredAttributes } from "./tables";
