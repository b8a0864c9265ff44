import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { AppError } from "../../errors";
import { DEFAULT_BOOTSTRAP, type BootstrapSettings } from "../metrics/bootstrap";
import { FairnessAccumulator } from "./accumulator";
import type { ReportColumns } from "./columns";
import { buildReport, validateBootstrap, type FairnessReport } from "./report";

export interface StreamOptions {
  bootstrap?: BootstrapSettings;
  /** Refuse a source longer than this many bytes (an upload's limit); unset: no limit. */
  maxBytes?: number;
}

/** Passes chunks through, refusing the source once it exceeds maxBytes. */
function limitBytes(maxBytes: number) {
  return async function* (source: AsyncIterable<Buffer | string>) {
    let seen = 0;
    for await (const chunk of source) {
      seen += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
      if (seen > maxBytes)
        throw new AppError("bad_request", `the CSV is larger than the limit of ${(maxBytes / 1e6).toFixed(0)} MB`);
      yield chunk;
    }
  };
}

/**
 * The fairness report of a CSV read as a stream: records are parsed and counted one at a time,
 * so memory stays flat however many rows there are. Bad input becomes an AppError (bad_request)
 * naming what is wrong, and nothing is reported.
 */
export async function fairnessReportFromCsv(
  source: Readable | AsyncIterable<Buffer | string>,
  columns: ReportColumns,
  options: StreamOptions = {},
): Promise<FairnessReport> {
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  validateBootstrap(bootstrap);
  const accumulator = new FairnessAccumulator(columns);
  const input = source instanceof Readable ? source : Readable.from(source);
  const parser = parse({ bom: true, skip_empty_lines: true });
  try {
    if (options.maxBytes === undefined) await pipeline(input, parser, count(accumulator));
    else await pipeline(input, limitBytes(options.maxBytes), parser, count(accumulator));
  } catch (error) {
    if (error instanceof CsvError) throw new AppError("bad_request", `the CSV cannot be read: ${error.message}`);
    throw error;
  }
  return buildReport(accumulator.finish(), columns, bootstrap);
}

function count(accumulator: FairnessAccumulator) {
  return async function (records: AsyncIterable<string[]>) {
    for await (const record of records) accumulator.add(record);
  };
}
