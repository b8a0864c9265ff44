import { runAdviceGraph, type AdviceStateType, type AdviceVersions } from "../agent";
import type { BiasResult } from "../bias";
import { enginesForRelease } from "./decide";

/** One question answered by a given release, as the shadow replay compares it with production. */
export interface ReleaseAnswer {
  release: string;
  versions: AdviceVersions;
  sources: { id: number; score: number }[];
  advice: string;
  bias: BiasResult | null;
  latencyMs: number;
  /** The release's bias policy threshold (what its audits are held to). */
  biasThreshold: number;
  /** The advice embedded with the release's own embedder, when asked for (the fairness audit compares them). */
  adviceEmbedding?: number[];
}

/**
 * Answers `question` with `release` (any release, loaded into the pool if needed) without storing
 * anything and without counting it in the product's metrics: the worker's shadow replay runs a
 * candidate this way. Failures reject with the reason.
 */
export async function answerWithRelease(
  release: string,
  question: string,
  options: { k?: number; signal?: AbortSignal; embedAdvice?: boolean } = {},
): Promise<ReleaseAnswer> {
  const decision = await enginesForRelease(release);
  const started = performance.now();
  try {
    let state: Partial<AdviceStateType> = {};
    const stream = await runAdviceGraph({ question, k: options.k ?? 5 }, decision.engines, {
      signal: options.signal,
    });
    for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
      if (mode === "values") state = chunk as AdviceStateType;
    }
    const advice = state.advice ?? "";
    const latencyMs = Math.round(performance.now() - started);
    const adviceEmbedding = options.embedAdvice
      ? Array.from((await decision.engines.embedder.embed([advice]))[0] ?? [])
      : undefined;
    return {
      release: decision.release,
      versions: decision.versions,
      sources: (state.profiles ?? []).map(({ id, score }) => ({ id, score })),
      advice,
      bias: state.bias ?? null,
      latencyMs,
      biasThreshold: decision.engines.biasPolicy.threshold,
      ...(adviceEmbedding ? { adviceEmbedding } : {}),
    };
  } finally {
    decision.done();
  }
}
