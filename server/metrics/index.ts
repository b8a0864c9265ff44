import type { Registry } from "prom-client";
import { adviceMetrics } from "./advice";
import { experimentMetrics } from "./experiments";
import { indexMetrics } from "./index-store";
import { jobMetrics } from "./jobs";
import { llmMetrics } from "./llm";
import { registry } from "./registry";
import { releaseMetrics } from "./releases";

/**
 * Every metric APFA exports, defined here and incremented by the code that does the work. A sink:
 * it imports no domain. A domain whose state is a gauge hands over a reader (readIndexStateFrom,
 * readQueueDepthFrom) and keeps the reading of its own state to itself.
 */

const GROUPS = [adviceMetrics, indexMetrics, llmMetrics, jobMetrics, experimentMetrics, releaseMetrics];

/** The process's registry with every metric defined, so a scrape shows each one from the start. */
export function metricsRegistry(): Registry {
  for (const define of GROUPS) define();
  return registry();
}

export { observeAdvice } from "./advice";
export { observeSearch, countIndexSwap, readIndexStateFrom, type IndexReading } from "./index-store";
export { countLlmTokens, observeTimeToFirstToken } from "./llm";
export { observeJob, readQueueDepthFrom, type QueueDepth } from "./jobs";
export { countExposure, recordSrmPValues, SRM_FRESH_MS } from "./experiments";
export { countPromotion } from "./releases";
export { startMetricsServer, type MetricsServer } from "./serve";
