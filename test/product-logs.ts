import fs from "node:fs";

/**
 * The product's processes (web, worker) write their own logs; a test that only looks at HTTP
 * answers would pass while the server logs an error. This reads what a process logged since a
 * point and picks the error-level lines: server/logger.ts writes JSON lines that begin
 * `{"level":"error"`, and Next.js marks an error it caught itself (a route or action that threw) with `⨯`.
 */

const ERROR_LINE = [/^\{"level":"error"/, /^\s*⨯ /];
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;

export interface LogMark {
  file: string;
  offset: number;
}

/** Where `file` ends now: lines after it are the ones to check. */
export function markLog(file: string): LogMark {
  return { file, offset: fs.existsSync(file) ? fs.statSync(file).size : 0 };
}

/** The error-level lines written after `mark`, and a new mark at the end of what was read. */
export function errorLinesSince(mark: LogMark): { lines: string[]; next: LogMark } {
  if (!fs.existsSync(mark.file)) return { lines: [], next: mark };
  const bytes = fs.readFileSync(mark.file).subarray(mark.offset);
  // Only complete lines: a line being written is read whole at the next check.
  const end = bytes.lastIndexOf(0x0a) + 1;
  const text = bytes.subarray(0, end).toString("utf8");
  // Next.js colours its output even into a file; the markers are matched without the colour codes.
  const lines = text
    .split("\n")
    .map((line) => line.replace(ANSI_COLOUR, ""))
    .filter((line) => ERROR_LINE.some((pattern) => pattern.test(line)));
  return { lines, next: { file: mark.file, offset: mark.offset + end } };
}

/**
 * Error lines a test declared it expects (the product logs a failure it provokes on purpose).
 * Returns the lines nobody expected and the expectations no line matched: both fail the test,
 * so a declared error that is no longer logged is noticed too.
 */
export function sortErrorLines(lines: string[], expected: RegExp[]): { unexpected: string[]; unseen: RegExp[] } {
  const seen = new Set<RegExp>();
  const unexpected = lines.filter((line) => {
    const match = expected.find((pattern) => pattern.test(line));
    if (match) seen.add(match);
    return !match;
  });
  return { unexpected, unseen: expected.filter((pattern) => !seen.has(pattern)) };
}

export function describeLogErrors(where: string, unexpected: string[], unseen: RegExp[]): string {
  return [
    unexpected.length > 0
      ? `${where}: ${unexpected.length} unexpected error line(s) in the product's logs (declare deliberate ones with expectProductError):\n${unexpected.map((line) => `  ${line}`).join("\n")}`
      : "",
    unseen.length > 0 ? `${where}: expected product error(s) never logged: ${unseen.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}
