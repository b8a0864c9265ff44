import { Counter, Histogram } from "prom-client";
import { group, orNone } from "./registry";

/**
 * Advice requests as the server sees them: latency by route, release and experiment arm, and the
 * bias verdicts by release. Every label is bounded: two routes, three statuses, releases and
 * experiment arms created by people (a handful a month). Never a user, request or advice id.
 */

export const adviceMetrics = group("advice", (registers) => ({
  // The seed's name. Buckets cover the grounded advisor (tens of ms) up to a CPU LLM (tens of s).
  responseTime: new Histogram({
    name: "apfa_response_time_seconds",
    help: "Advice request latency on the server, end to end, by route, release, experiment arm (variant) and outcome",
    labelNames: ["route", "release", "variant", "status"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
    registers,
  }),
  requests: new Counter({
    name: "apfa_advice_requests_total",
    help: "Advice requests by channel and outcome",
    labelNames: ["channel", "status", "flagged"] as const,
    registers,
  }),
  // A histogram by release, so Prometheus has the sum and count of scores per release and
  // increase(_sum[7d]) / increase(_count[7d]) is the 7-day mean (deploy/prometheus/alerts.yml).
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
}));

/** The HTTP route each advice channel is served on. */
const ROUTES = { chat: "/api/chat", api: "/api/v1/advice" } as const;

export function observeAdvice(result: {
  channel: keyof typeof ROUTES;
  status: string;
  seconds: number;
  biasScore?: number;
  flagged?: boolean;
  /** The release that answered; null when none did (the request failed before one was chosen). */
  release?: string | null;
  /** The experiment arm that chose the release (0 = control); null outside experiments. */
  variant?: number | null;
}): void {
  const m = adviceMetrics();
  const release = orNone(result.release);
  m.responseTime.observe(
    { route: ROUTES[result.channel], release, variant: orNone(result.variant), status: result.status },
    result.seconds,
  );
  m.requests.inc({ channel: result.channel, status: result.status, flagged: String(result.flagged ?? false) });
  // Answers that were delivered, as the stored trends count them (server/advice/bias-trends.ts).
  if (result.biasScore === undefined || result.status !== "ok") return;
  m.biasScore.observe({ release }, result.biasScore);
  // Zero as well as one, so every scored release has the series and a rate over it is defined.
  m.biasFlags.inc({ release }, result.flagged ? 1 : 0);
}
