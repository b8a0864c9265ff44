/**
 * OpenTelemetry for the product's processes: set-up (web and worker), spans that also go into a
 * request's stored timeline, and traced HTTP requests with their request ids. A low layer: it
 * knows no domain, and every domain may open spans.
 */
export { startTracing, flushTracing, shutdownTracing, tracesUrlFromEnv, type ServiceName } from "./provider";
export { withSpan, activeTraceId, annotateActiveSpan, type SpanHandle, type SpanOptions } from "./span";
export { withSpanRecorder, type RecordedSpan, type SpanRecorder, type SpanValue } from "./recorder";
export { traceHttpRequest, type HttpScope } from "./http";
export { ATTR, answeredAttributes, contextAttributes } from "./attributes";
export { SpanKind } from "@opentelemetry/api";
