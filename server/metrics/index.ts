import { collectDefaultMetrics, Registry } from "prom-client";

/** One Prometheus registry per process, every metric prefixed `apfa_`. */

const globalForMetrics = globalThis as unknown as { apfaMetrics?: Registry };

export function metricsRegistry(): Registry {
  if (!globalForMetrics.apfaMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "apfa_" });
    globalForMetrics.apfaMetrics = registry;
  }
  return globalForMetrics.apfaMetrics;
}
