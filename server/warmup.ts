import { logger } from "./logger";
import { loadProduction } from "./serving";

const log = logger.child("warmup");

/**
 * Loads the production release's engines (embedder, index, analyzer, prompt, policy) before the
 * first question; a failure is logged and retried on demand by the first request.
 */
export async function warmUp(): Promise<void> {
  const started = performance.now();
  try {
    const release = await loadProduction();
    if (release) log.info("advisor ready", { release, ms: Math.round(performance.now() - started) });
    else log.warn("advisor not ready yet", { errors: ["no release is in production yet"] });
  } catch (error) {
    log.warn("advisor not ready yet", { errors: [String(error)] });
  }
}
