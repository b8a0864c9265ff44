import type { LoanOutcome } from "../ingest";

/** A loan profile the retriever found for a question, with its similarity (inner product, -1…1). */
export interface RetrievedProfile {
  id: number;
  score: number;
  text: string;
  fields: Record<string, string | number | null>;
  outcome: LoanOutcome;
}
