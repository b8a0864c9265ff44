import os from "node:os";
import { context, diag, DiagLogLevel, propagation, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
} from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { env } from "../env";
import { logger } from "../logger";
import { ATTR } from "./attributes";

export type ServiceName = "apfa-web" | "apfa-worker" | (string & {});

export interface TracingOptions {
  /**
   * The OTLP/HTTP traces URL, or null for off whatever the environment says; by default from
   * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT.
   */
  tracesUrl?: string | null;
}

const log = logger.child("tracing");

/** The OTLP convention: the signal's own variable is the URL itself, the general one gets /v1/traces. */
export function tracesUrlFromEnv(): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
  return undefined;
}

// One provider per process, on globalThis: Next.js may load this module more than once.
const holder = globalThis as typeof globalThis & {
  __apfaTracing?: { provider: NodeTracerProvider; exporting: boolean };
};

/**
 * Sets up OpenTelemetry for this process (web: instrumentation.ts; worker: jobs/worker.ts). Always
 * registers W3C trace-context propagation and async context, so a caller's `traceparent` is
 * honoured and log lines carry trace ids. Spans are sampled and exported over OTLP/HTTP (JSON,
 * batched) only when an endpoint is configured; otherwise nothing is sampled and no exporter
 * exists, and a span costs two random ids. Returns whether spans are exported.
 */
export function startTracing(serviceName: ServiceName, options: TracingOptions = {}): boolean {
  if (holder.__apfaTracing) return holder.__apfaTracing.exporting;
  const url = options.tracesUrl === undefined ? tracesUrlFromEnv() : (options.tracesUrl ?? undefined);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: serviceName,
      [ATTR.serviceInstanceId]: `${os.hostname()}-${process.pid}`,
    }),
    sampler: url ? new ParentBasedSampler({ root: new AlwaysOnSampler() }) : new AlwaysOffSampler(),
    spanProcessors: url ? [new BatchSpanProcessor(new OTLPTraceExporter({ url }))] : [],
  });
  provider.register();
  if (url) {
    // The SDK reports export failures (collector down, refused) through diag: into our log, as
    // warnings: a missing collector must not read as the product failing.
    diag.setLogger(
      {
        error: (message, ...args) => log.warn(`opentelemetry: ${message}`, { details: args.map(String) }),
        warn: (message, ...args) => log.warn(`opentelemetry: ${message}`, { details: args.map(String) }),
        info: () => undefined,
        debug: () => undefined,
        verbose: () => undefined,
      },
      { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
    );
  }
  holder.__apfaTracing = { provider, exporting: url !== undefined };
  log.info(url ? "exporting spans" : "tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)", {
    service: serviceName,
    // The host only: a URL may carry credentials.
    collector: url ? new URL(url).host : undefined,
  });
  return url !== undefined;
}

/** Sends the spans finished so far (tests; before a process exits). */
export async function flushTracing(): Promise<void> {
  await holder.__apfaTracing?.provider.forceFlush();
}

/** Flushes and stops tracing, and unregisters it from the OpenTelemetry API (a test may start it again). */
export async function shutdownTracing(): Promise<void> {
  const tracing = holder.__apfaTracing;
  if (!tracing) return;
  holder.__apfaTracing = undefined;
  try {
    await tracing.provider.shutdown();
  } finally {
    trace.disable();
    context.disable();
    propagation.disable();
    diag.disable();
  }
}
