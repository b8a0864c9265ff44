import fs from "node:fs";
import readline from "node:readline";
import { type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import { AppError } from "../errors";

/** A raw record with the 1-based line it started on (the header is line 1), or why it could not be read. */
export type RawRow = { line: number; record: Record<string, unknown> } | { line: number; error: string };

export type InputFormat = "csv" | "jsonl";

export function formatOf(file: string): InputFormat {
  const name = file.toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return "jsonl";
  throw new AppError("bad_request", `unsupported file type for ${file}: expected .csv or .jsonl (optionally .gz)`);
}

/**
 * The file's bytes, unzipped when it ends in .gz. pipe() does not pass errors on: each stage's
 * error is handed to the next, so a truncated or fake gzip ends the read as an error row instead
 * of an unhandled 'error' event that kills the process.
 */
function open(file: string): Readable {
  const stream = fs.createReadStream(file);
  return file.toLowerCase().endsWith(".gz") ? forwardingErrors(stream, createGunzip()) : stream;
}

function forwardingErrors<T extends NodeJS.WritableStream & Readable>(from: Readable, to: T): T {
  from.on("error", (error) => to.destroy(error));
  return from.pipe(to);
}

/** csv-parse reports the line a record ends on; a quoted field may span lines, so count back to where it starts. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, "").replace(/\r?\n$/, "");
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

async function* csvRows(input: Readable): AsyncGenerator<RawRow> {
  const parser = forwardingErrors(
    input,
    parse({ bom: true, skip_empty_lines: true, info: true, raw: true, relax_column_count: true, trim: true }),
  );
  let header: string[] | undefined;
  for await (const { record, info, raw } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
    raw: string;
  }>) {
    if (!header) {
      header = record;
      continue;
    }
    const line = startLine(info.lines, raw);
    if (record.length !== header.length) {
      yield { line, error: `expected ${header.length} columns, found ${record.length}` };
    } else {
      yield { line, record: Object.fromEntries(header.map((name, i) => [name, record[i]])) };
    }
  }
  // An error that arrives before iteration begins can end the loop quietly; it is still an error.
  const failed = input.errored ?? parser.errored;
  if (failed) throw failed;
}

async function* jsonlRows(input: Readable): AsyncGenerator<RawRow> {
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === "") continue;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        yield { line, error: "each line must be a JSON object" };
      } else {
        yield { line, record: value as Record<string, unknown> };
      }
    } catch (error) {
      yield { line, error: `invalid JSON: ${(error as Error).message}` };
    }
  }
  if (input.errored) throw input.errored;
}

/**
 * A file that cannot be read to its end (an unterminated quote, a truncated gzip) ends with one
 * error row for the rest of it, so the rows before it are still stored and the run is recorded.
 */
async function* untilUnreadable(rows: AsyncGenerator<RawRow>): AsyncGenerator<RawRow> {
  let line = 0;
  try {
    for await (const row of rows) {
      line = row.line;
      yield row;
    }
  } catch (error) {
    const at = (error as { lines?: number }).lines ?? line + 1;
    yield { line: at, error: `the rest of the file could not be read: ${(error as Error).message}` };
  }
}

export function readRows(file: string): AsyncGenerator<RawRow> {
  const format = formatOf(file);
  return untilUnreadable(format === "csv" ? csvRows(open(file)) : jsonlRows(open(file)));
}
