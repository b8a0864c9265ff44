/**
 * The question domain's face: what a borrower's question states and asks. (Text with geography
 * and protected characteristics taken out, as retrieval sees it, is the embedding domain's.)
 */
export { parseQuestion, type QuestionFacts } from "./facets";
export { understandQuestion } from "./understand";
export type * from "./types";
