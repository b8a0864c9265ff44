import { promtool } from "./promtool";

/**
 * What tests check of a real scrape of APFA's metrics: Prometheus's own linter, and the labels.
 *
 * prom-client's default Node.js metrics carry three names promtool objects to (gauges ending in
 * _total); they are prom-client's to rename, so they are the only problems allowed, and none of
 * ours may join them.
 */
export const PROM_CLIENT_DEFAULTS = [
  "apfa_nodejs_active_handles_total",
  "apfa_nodejs_active_requests_total",
  "apfa_nodejs_active_resources_total",
];

/** The metric names `promtool check metrics` complains about (sorted, each once). */
export function promtoolProblems(text: string): string[] {
  const { stdout, stderr } = promtool(["check", "metrics"], text);
  const problems = `${stdout}${stderr}`.split("\n").filter((line) => line.trim() !== "");
  return [...new Set(problems.map((line) => line.split(" ")[0]!))].sort();
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a text-format scrape (comments skipped). Label values hold no `"` or `\` here. */
export function samples(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of one series (labels matched as given, others ignored), or undefined if absent. */
export function valueOf(all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Label values that look like a per-user or per-request id: a uuid anywhere in the value. */
export function idLikeLabels(all: Sample[]): string[] {
  return all.flatMap((s) =>
    Object.entries(s.labels)
      .filter(([, value]) => UUID.test(value))
      .map(([label, value]) => `${s.name}{${label}="${value}"}`),
  );
}
