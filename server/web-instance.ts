import { registerIndexMetrics, startIndexSync } from "./index-store";
import { closeServing, startReleaseSync } from "./serving";
import { shutdownTracing } from "./tracing";
import { warmUp } from "./warmup";

/** What each web server process starts once (from instrumentation.ts). */
export function startWebInstance(): void {
  registerIndexMetrics();
  // Follow index swaps and release moves first: warm-up's load then races no message.
  const stopIndexSync = startIndexSync();
  const stopReleaseSync = startReleaseSync();
  // On a graceful stop (deploy, Ctrl-C) leave the console's fleet views at once rather than turning
  // "stale", close every loaded analyzer (a llama model holds native memory and threads), and
  // send the spans still batched. Next.js's own handler closes the server and exits; this runs beside it.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(
      signal,
      () => void Promise.allSettled([stopIndexSync(), stopReleaseSync(), shutdownTracing()]).then(() => closeServing()),
    );
  }
  void warmUp();
}
