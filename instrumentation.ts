/**
 * Runs once when a web server starts: tracing first (so the first request is traced), then follow
 * index swaps, and warm the index and models in the background so the first borrower does not wait
 * for them. NEXT_RUNTIME is Next.js's own marker of the server runtime; the Node.js-only code sits
 * behind it so the Edge build never sees it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startTracing } = await import("./server/tracing");
    startTracing("apfa-web");
    const { startWebInstance } = await import("./server/web-instance");
    startWebInstance();
  }
}
