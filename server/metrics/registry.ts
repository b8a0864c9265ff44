import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * One Prometheus registry per process, every metric prefixed `apfa_`. On globalThis: Next.js may
 * evaluate this module more than once per process (route bundles), and a second registry would
 * serve half the metrics; a second definition of a metric would throw.
 */

interface Holder {
  registry?: Registry;
  groups: Map<string, unknown>;
}

const global = globalThis as unknown as { apfaMetrics?: Holder };
const holder: Holder = (global.apfaMetrics ??= { groups: new Map<string, unknown>() });

export function registry(): Registry {
  if (!holder.registry) {
    holder.registry = new Registry();
    // Node's own: CPU, memory, event-loop lag, GC. Named by prom-client (three of its gauges end in
    // _total, which promtool dislikes; they are prom-client's to rename, not ours).
    collectDefaultMetrics({ register: holder.registry, prefix: "apfa_" });
  }
  return holder.registry;
}

/** A group of metrics, created on first use and shared by every copy of the module that asks. */
export function group<T>(key: string, create: (registers: Registry[]) => T): () => T {
  return () => {
    if (!holder.groups.has(key)) holder.groups.set(key, create([registry()]));
    return holder.groups.get(key) as T;
  };
}

/** A label for something that may be absent (no release answered, no experiment chose the arm). */
export function orNone(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === "" ? "none" : String(value);
}
