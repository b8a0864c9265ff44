import { parseQuestion } from "./facets";
import type { UnderstoodQuestion } from "./types";

/** What a borrower's question states and asks. (First cut: facets only; the rest follows.) */
export function understandQuestion(question: string): UnderstoodQuestion {
  return { facets: parseQuestion(question), kind: "general", protected: [], mentionsLocation: false, missing: [] };
}
