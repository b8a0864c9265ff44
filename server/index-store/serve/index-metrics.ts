import { readIndexStateFrom } from "../../metrics";
import { loadedIndexes, peekLiveIndex } from "./live-index";

/** The index gauges of this process (server/metrics), read from the live index at every scrape. */
export function registerIndexMetrics(): void {
  readIndexStateFrom(() => {
    const served = peekLiveIndex()?.manifest;
    return {
      served: served ? { version: served.version, kind: served.kind, vectors: served.vectors } : null,
      loaded: loadedIndexes(),
    };
  });
}
