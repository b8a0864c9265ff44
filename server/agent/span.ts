import { withSpan, type SpanHandle, type SpanValue } from "../tracing";

/**
 * Runs `fn` in a span (exported, and kept in the request's stored timeline) and returns its
 * result with the elapsed milliseconds (the node timings stored with every request).
 */
export async function timed<T>(
  name: string,
  fn: (span: SpanHandle) => Promise<T>,
  record?: Record<string, SpanValue>,
): Promise<{ result: T; ms: number }> {
  return withSpan(name, { record }, async (span) => {
    const started = performance.now();
    const result = await fn(span);
    return { result, ms: Math.round((performance.now() - started) * 100) / 100 };
  });
}
