import type { RetrievedProfile } from "../rag";
import type { CitedStatement } from "../reasons";

export const MAX_ADVICE_TOKENS = 200;

export interface AnalyzerInput {
  question: string;
  profiles: RetrievedProfile[];
  /** Upper bound on generated tokens (the product uses MAX_ADVICE_TOKENS). */
  maxTokens: number;
  /**
   * The release's prompt text (`{maxTokens}` filled in when used); the product's default when absent.
   * The grounded advisors write from templates of their own and do not read it.
   */
  systemPrompt?: string;
  /** Aborted when the client goes away: generation must stop promptly and free its slot. */
  signal?: AbortSignal;
  /**
   * Told each statement and what it was written from, just before its text is yielded, by an
   * analyzer that knows (`cites`); free-text analyzers never call it.
   */
  cite?: (statement: CitedStatement) => void;
}

/** Writes advice grounded in the retrieved profiles, streamed as text chunks. */
export interface Analyzer {
  readonly kind: "grounded" | "llama" | "openai";
  /** Recorded with every request, e.g. "grounded-v1", "llama:Meta-Llama-3-8B-Instruct.Q4_K_M.gguf@<sha12>". */
  readonly version: string;
  /**
   * Whether stream() reports each statement's citations through `input.cite` (the grounded
   * advisor does); otherwise its advice is attributed by matching (server/reasons).
   */
  readonly cites?: boolean;
  stream(input: AnalyzerInput): AsyncIterable<string>;
  close?(): Promise<void>;
}

export class AnalyzerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalyzerUnavailableError";
  }
}
