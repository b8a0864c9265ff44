import { format } from "node:util";

/**
 * Everything written through the console while it runs (the product's logger writes there), for
 * tests that read the log: each call's text, in order. Warnings and errors pass through to what
 * was there (the console guard must still see errors); info and debug lines are only kept.
 */
export function captureConsole(): { lines: string[]; stop(): void } {
  const lines: string[] = [];
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const originals = methods.map((method) => console[method]);
  methods.forEach((method, i) => {
    console[method] = (...args: unknown[]) => {
      lines.push(format(...args));
      if (method === "warn" || method === "error") originals[i]!(...args);
    };
  });
  return {
    lines,
    stop: () => methods.forEach((method, i) => void (console[method] = originals[i]!)),
  };
}
