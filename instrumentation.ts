/**
 * Runs once when a web server starts: follow index swaps, and warm the index and models in the
 * background so the first borrower does not wait for them. NEXT_RUNTIME is Next.js's own marker of the server runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { warmUp } = await import("./server/warmup");
  const { startIndexSync } = await import("./server/index-store");
  // Follow index swaps first: warm-up's load then races no message.
  const stopIndexSync = startIndexSync();
  // On a graceful stop (deploy, Ctrl-C) leave the console's fleet view at once rather than turning
  // "stale". Next.js's own handler closes the server and exits; this runs beside it.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stopIndexSync());
  void warmUp();
}
