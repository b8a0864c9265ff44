import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * One Prometheus registry per process, every metric prefixed `apfa_`. A sink: it imports no
 * domain. A domain whose state is a gauge registers it here (`registerGauge`) and keeps the
 * reading of its own state to itself.
 */

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "apfa_" });
  const registers = [registry];
  return {
    registry,
    responseTime: new Histogram({
      name: "apfa_response_time_seconds",
      help: "Advice request latency, end to end on the server",
      labelNames: ["channel", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    search: new Histogram({
      name: "apfa_vector_search_seconds",
      help: "Vector index search latency",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5],
      registers,
    }),
    // A histogram by release, so Prometheus has the sum and count of scores per release and
    // increase(_sum[7d]) / increase(_count[7d]) is the 7-day mean (deploy/prometheus/alerts.yml).
    // The release label is bounded: releases are created by people, a handful a month.
    biasScore: new Histogram({
      name: "apfa_bias_score",
      help: "Bias score of generated advice (0-1; flagged above the release's policy threshold), by release",
      labelNames: ["release"] as const,
      buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1],
      registers,
    }),
    biasFlags: new Counter({
      name: "apfa_bias_flags_total",
      help: "Answers the bias check flagged, by release",
      labelNames: ["release"] as const,
      registers,
    }),
    requests: new Counter({
      name: "apfa_advice_requests_total",
      help: "Advice requests by channel and outcome",
      labelNames: ["channel", "status", "flagged"] as const,
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const globalForMetrics = globalThis as unknown as { apfaMetrics?: Metrics };

function metrics(): Metrics {
  globalForMetrics.apfaMetrics ??= createMetrics();
  return globalForMetrics.apfaMetrics;
}

export function metricsRegistry(): Registry {
  return metrics().registry;
}

export function observeSearch(seconds: number): void {
  metrics().search.observe(seconds);
}

export function observeAdvice(result: {
  channel: string;
  status: string;
  seconds: number;
  biasScore?: number;
  flagged?: boolean;
  /** The release that answered; "none" when no release did (the request failed before one was chosen). */
  release?: string | null;
}): void {
  const m = metrics();
  m.responseTime.observe({ channel: result.channel, status: result.status }, result.seconds);
  m.requests.inc({ channel: result.channel, status: result.status, flagged: String(result.flagged ?? false) });
  // Answers that were delivered, as the stored trends count them (server/advice/bias-trends.ts).
  if (result.biasScore === undefined || result.status !== "ok") return;
  const release = result.release ?? "none";
  m.biasScore.observe({ release }, result.biasScore);
  // Zero as well as one, so every scored release has the series and a rate over it is defined.
  m.biasFlags.inc({ release }, result.flagged ? 1 : 0);
}

/**
 * A gauge read from its owner's state at every scrape. Registered once per process: Next.js may
 * evaluate the owner's module more than once (route bundles), and a second copy keeps the first.
 */
export function registerGauge(options: { name: string; help: string; read: () => number }): void {
  const { registry } = metrics();
  if (registry.getSingleMetric(options.name)) return;
  new Gauge({
    name: options.name,
    help: options.help,
    registers: [registry],
    collect() {
      this.set(options.read());
    },
  });
}
