import { env } from "@/server/env";
import { registerIndexMetrics } from "@/server/index-store";
import { logger } from "@/server/logger";
import { metricsRegistry, startMetricsServer } from "@/server/metrics";
import { exportQueueDepth } from "@/server/queues";

const log = logger.child("worker-metrics");

/**
 * The worker's own Prometheus endpoint, GET /metrics on WORKER_METRICS_PORT (deploy/prometheus
 * scrapes it as job apfa-worker): its jobs, the queues' depths, the SRM p-values of its guardrail
 * runs, and whatever its replays and audits search and generate. A port that cannot be bound is
 * logged and the worker carries on: jobs matter more than their metrics, and Prometheus's
 * ApfaWorkerDown alert says the endpoint is missing. Returns a stop function.
 */
export async function startWorkerMetrics(): Promise<() => Promise<void>> {
  registerIndexMetrics();
  exportQueueDepth();
  const port = env.WORKER_METRICS_PORT;
  if (port === null) {
    log.info("metrics endpoint off (WORKER_METRICS_PORT=off)");
    return async () => undefined;
  }
  try {
    const server = await startMetricsServer({
      registry: metricsRegistry(),
      port,
      onScrapeError: (error) => log.error("a metrics scrape failed", { error }),
    });
    log.info("metrics endpoint listening", { port: server.port, path: "/metrics" });
    return () => server.close();
  } catch (error) {
    log.error("the metrics endpoint could not start; the worker runs without it", {
      port,
      hint: "another process holds the port: set WORKER_METRICS_PORT to a free one, or off",
      error,
    });
    return async () => undefined;
  }
}
