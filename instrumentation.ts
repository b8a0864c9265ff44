/**
 * Runs once when a web server starts: follow index swaps, and warm the index and models in the
 * background so the first borrower does not wait for them. NEXT_RUNTIME is Next.js's own marker of the server runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { warmUp } = await import("./server/warmup");
  const { startIndexSync } = await import("./server/index-store");
  // Follow index swaps first: warm-up's load then races no message.
  startIndexSync();
  void warmUp();
}
