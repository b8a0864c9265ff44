import { monitorEventLoopDelay } from "node:perf_hooks";

/** Percentiles and Markdown tables for the benchmark scripts. */

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]) => percentile(values, 50);

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

export const ms = (value: number, digits = 2) => value.toFixed(digits);

/** Event-loop delay while `work` runs (perf_hooks histogram, 1 ms resolution): how much it blocked. */
export async function eventLoopDelay<T>(work: () => Promise<T>): Promise<{ result: T; p99Ms: number; meanMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    const result = await work();
    return { result, p99Ms: histogram.percentile(99) / 1e6, meanMs: histogram.mean / 1e6 };
  } finally {
    histogram.disable();
  }
}
