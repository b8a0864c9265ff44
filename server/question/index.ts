/**
 * The question domain's face: what a borrower's question states and asks, and text with
 * geography and protected characteristics taken out, as retrieval may see it.
 */
export { parseQuestion, type QuestionFacts } from "./facets";
export { neutralize } from "./neutralize";
export { STATE_CODES, STATES, WORD_LIKE_STATE_CODES } from "./lexicon";
export { understandQuestion } from "./understand";
export type * from "./types";
