import fs from "node:fs";
import path from "node:path";
import { metricsRegistry } from "@/server/metrics";

/**
 * The metric names a PromQL expression reads, and the names APFA makes available to it: what the
 * product's registry defines (a histogram's _bucket, _sum and _count series included), the
 * recording rules shipped in deploy/prometheus, and Prometheus's own `up`.
 */

const KEYWORDS = new Set([
  "and",
  "or",
  "unless",
  "bool",
  "offset",
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "inf",
  "nan",
]);

export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, "") // strings (label values, printf formats)
    .replace(/\{[^}]*\}/g, "") // label matchers
    .replace(/\[[^\]]*\]/g, "") // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ") // label lists
    .replace(/\$\{?\w+\}?/g, "") // Grafana variables
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?(ms|s|m|h|d|w|y)?\b/gi, ""); // numbers and durations
  const names = new Set<string>();
  for (const match of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    // A name followed by "(" is a function or an aggregation (sum, rate, histogram_quantile).
    if (/^\s*\(/.test(bare.slice(match.index + match[0].length))) continue;
    if (!KEYWORDS.has(match[0].toLowerCase())) names.add(match[0]);
  }
  return [...names];
}

const root = path.resolve(import.meta.dirname, "..");

/** The record: names of deploy/prometheus/recording-rules.yml. */
export function recordingRuleNames(): string[] {
  const text = fs.readFileSync(path.join(root, "deploy", "prometheus", "recording-rules.yml"), "utf8");
  return [...text.matchAll(/^\s*-\s*record:\s*(\S+)\s*$/gm)].map((match) => match[1]!);
}

export function exportedNames(): Set<string> {
  const names = new Set(["up", ...recordingRuleNames()]);
  for (const metric of metricsRegistry().getMetricsAsArray()) {
    const { name, type } = metric as unknown as { name: string; type: string };
    names.add(name);
    if (type === "histogram" || type === "summary")
      for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
  }
  return names;
}
