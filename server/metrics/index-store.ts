import { Counter, Gauge, Histogram } from "prom-client";
import { group } from "./registry";

/**
 * The vector index of this process: search latency, what is loaded, and swaps. The ANN migration
 * triggers (server/index-store/lifecycle/triggers.ts) are alerted on from these
 * (deploy/prometheus/alerts.yml), so their thresholds fall on bucket bounds: 0.2 s for search p95.
 */

/** What the index-store reports at each scrape. */
export interface IndexReading {
  /** The version this process serves (what health reports), if any. */
  served: { version: string; kind: string; vectors: number } | null;
  /** Every loaded version: the served one, those releases hold, those still draining searches. */
  loaded: { version: string; memoryBytes: number; serving: boolean }[];
}

export const indexMetrics = group("index", (registers) => {
  // Kept with the metrics (on globalThis): a second copy of this module must set the same reader.
  const source: { read: (() => IndexReading) | null } = { read: null };
  const readIndex = () => source.read?.();
  return {
    source,
    search: new Histogram({
      name: "apfa_vector_search_seconds",
      help: "Vector index search latency (one nearest-neighbour query)",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1],
      registers,
    }),
    // The seed called it apfa_index_vector_count; promtool refuses a gauge ending in _count (it reads
    // as a histogram's), so the seed's name is a recording rule (deploy/prometheus/recording-rules.yml).
    vectors: new Gauge({
      name: "apfa_index_vectors",
      help: "Vectors in the index this process serves, by version and kind (exact or hnsw)",
      labelNames: ["version", "kind"] as const,
      collect() {
        this.reset();
        const served = readIndex()?.served;
        if (served) this.set({ version: served.version, kind: served.kind }, served.vectors);
      },
      registers,
    }),
    memory: new Gauge({
      name: "apfa_index_memory_bytes",
      help: "Memory held by each index version loaded in this process; serving=true is the one it serves",
      labelNames: ["version", "serving"] as const,
      collect() {
        this.reset();
        for (const index of readIndex()?.loaded ?? [])
          this.set({ version: index.version, serving: String(index.serving) }, index.memoryBytes);
      },
      registers,
    }),
    loadedVersions: new Gauge({
      name: "apfa_index_loaded_versions",
      help: "Index versions loaded in this process (1 at rest with one live release; 2 while a swap drains)",
      collect() {
        this.set(readIndex()?.loaded.length ?? 0);
      },
      registers,
    }),
    swaps: new Counter({
      name: "apfa_index_swaps_total",
      help: "Index versions this process switched to serving",
      registers,
    }),
    swapFailures: new Counter({
      name: "apfa_index_swap_failures_total",
      help: "Swaps this process refused or failed (it kept serving its previous version)",
      registers,
    }),
  };
});

/** The index-store hands over how to read its state; the gauges read it at every scrape. */
export function readIndexStateFrom(read: () => IndexReading): void {
  indexMetrics().source.read = read;
}

export function observeSearch(seconds: number): void {
  indexMetrics().search.observe(seconds);
}

export function countIndexSwap(outcome: "swapped" | "failed"): void {
  const m = indexMetrics();
  if (outcome === "swapped") m.swaps.inc();
  else m.swapFailures.inc();
}
