import { registerIndexMetrics, startIndexSync } from "./index-store";
import { warmUp } from "./warmup";

/** What each web server process starts once (from instrumentation.ts). */
export function startWebInstance(): void {
  registerIndexMetrics();
  // Follow index swaps first: warm-up's load then races no message.
  const stopIndexSync = startIndexSync();
  // On a graceful stop (deploy, Ctrl-C) leave the console's fleet view at once rather than turning
  // "stale". Next.js's own handler closes the server and exits; this runs beside it.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stopIndexSync());
  void warmUp();
}
