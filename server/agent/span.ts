import { SpanStatusCode, trace } from "@opentelemetry/api";

const tracer = trace.getTracer("apfa-agent");

/** Runs `fn` in an OpenTelemetry span and returns its result with the elapsed milliseconds. */
export async function timed<T>(name: string, fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  return tracer.startActiveSpan(name, async (span) => {
    const started = performance.now();
    try {
      const result = await fn();
      return { result, ms: Math.round((performance.now() - started) * 100) / 100 };
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
