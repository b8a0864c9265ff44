/**
 * The question domain's face: what a borrower's question states and asks, and text with
 * geography and protected characteristics taken out, as retrieval may see it.
 */
export { parseQuestion, type QuestionFacts } from "./facets";
export { neutralize } from "./neutralize";
export { understandQuestion } from "./understand";
export type * from "./types";
