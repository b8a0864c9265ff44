/** Every queue the worker consumes. Producers and processors both import these names. */
export const QUEUE_NAMES = [
  "ingest",
  "embed",
  "build-index",
  "validate-index",
  "publish-index",
  "shadow-replay",
  "experiment-guardrails",
  "fairness-audit",
  "bias-alerts",
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
