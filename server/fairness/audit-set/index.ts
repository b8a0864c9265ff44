export { buildAuditSet, type AuditSetSource, type CorpusRow } from "./build-audit-set";
export { AGE_PAIRS, ORIGINS } from "./base-persona";
export { CITIES, citiesOf } from "./cities";
export { AUDIT_SETS_DIR, CURRENT_AUDIT_SET, loadAuditSet, type LoadedAuditSet } from "./load-audit-set";
export { ASKS, loanQuestionTemplate, type AuditLoan } from "./loan-question";
export {
  at,
  FIRST_NAMES,
  LAST_NAMES,
  nameGroup,
  PRONOUNS,
  RACE_GROUPS,
  SEXES,
  type RaceGroup,
  type Sex,
} from "./names";
export {
  MARITAL_STATUSES,
  PUBLIC_ASSISTANCE,
  renderQuestion,
  renderSegments,
  SLOTS,
  slotText,
  type MaritalStatus,
  type Persona,
  type PublicAssistance,
  type Segment,
  type Slot,
} from "./persona";
export { auditSetSchema, personaSchema, type AuditCase, type AuditSet } from "./schema";
