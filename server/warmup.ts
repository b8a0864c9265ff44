import { getLiveIndex } from "./index-store";
import { resolveAnalyzer } from "./llm";
import { logger } from "./logger";
import { resolveEmbedder } from "./embedding";

const log = logger.child("warmup");

/** Loads what the advisor needs before the first question; failures are logged and retried on demand. */
export async function warmUp(): Promise<void> {
  const started = performance.now();
  const results = await Promise.allSettled([getLiveIndex(), resolveEmbedder(), resolveAnalyzer()]);
  const failed = results.filter((result) => result.status === "rejected");
  if (failed.length === 0) log.info("advisor ready", { ms: Math.round(performance.now() - started) });
  else log.warn("advisor not ready yet", { errors: failed.map((f) => String((f as PromiseRejectedResult).reason)) });
}
