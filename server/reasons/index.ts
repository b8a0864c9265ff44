/**
 * The reasons domain's face: which retrieved loan profiles, and which of their fields, each
 * statement of an answer relied on. Pure (no database, no environment), so the chat can format a
 * trail with the same words the console uses.
 */
export type { AdviceReasons, CitableProfile, Citation, CitedStatement, ReasonsMethod, ReasonsTrail } from "./types";
export { splitStatements } from "./split";
export { attributeStatement } from "./attribute";
export { extractMentions, type Mention } from "./mentions";
export { reasonsTrail, type TrailInput } from "./trail";
export { FIELDS, fieldWords } from "./fields";
export { ADVERSE_REASONS_NOTICE, NO_LOAN_FACTS, isAdverse, loanReasons, type LoanReasons } from "./words";
