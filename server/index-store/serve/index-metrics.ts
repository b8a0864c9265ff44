import { registerGauge } from "../../metrics";
import { loadedIndexes, peekLiveIndex } from "./live-index";

/** The index gauges of this instance, read from the live index at every scrape. */
export function registerIndexMetrics(): void {
  registerGauge({
    name: "apfa_index_vector_count",
    help: "Vectors in the index this instance serves",
    read: () => peekLiveIndex()?.manifest.vectors ?? 0,
  });
  registerGauge({
    name: "apfa_index_memory_bytes",
    help: "Memory held by indexes in this instance: the served one, those pinned by live releases, and any still draining",
    read: () => loadedIndexes().reduce((sum, index) => sum + index.memoryBytes, 0),
  });
  registerGauge({
    name: "apfa_index_loaded_versions",
    help: "Index versions loaded in this instance (1 when no swap is draining and one release is live)",
    read: () => loadedIndexes().length,
  });
}
