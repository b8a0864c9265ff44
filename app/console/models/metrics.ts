import type { ModelKind, VersionMetrics } from "./types";

/** The key each kind's version is recorded under in a stored request's `versions`. */
const COMPONENT_OF: Record<ModelKind, string> = {
  embedder: "embedder",
  analyzer: "analyzer",
  prompt: "prompt",
  "bias-policy": "biasPolicy",
};

/** A stored request names each component as `name@version`; a version no request named has no metrics. */
export function metricsFor(
  metrics: readonly VersionMetrics[],
  kind: ModelKind,
  model: string,
  version: string,
): VersionMetrics | undefined {
  return metrics.find((row) => row.component === COMPONENT_OF[kind] && row.version === `${model}@${version}`);
}
