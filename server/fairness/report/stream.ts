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
        throw new AppError(
          "bad_request",
          `the CSV is larger than the limit of ${maxBytes >= 1e6 ? `${Math.round(maxBytes / 1e6)} MB` : `${maxBytes} bytes`}`,
        );
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
  source: Readable | AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  columns: ReportColumns,
  options: StreamOptions = {},
): Promise<FairnessReport> {
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  validateBootstrap(bootstrap);
  const accumulator = new FairnessAccumulator(columns);
  const input = source instanceof Readable ? source : Readable.from(source);
  const parser = parse({ bom: true, skip_empty_lines: true });
  // The counting stage's own error: when it throws, Node 20's pipeline rejects with an AbortError
  // from tearing the source down instead, which would hide the message naming the bad row.
  let countingError: unknown;
  const count = async (records: AsyncIterable<string[]>) => {
    try {
      for await (const record of records) accumulator.add(record);
    } catch (error) {
      countingError = error;
      throw error;
    }
  };
  try {
    if (options.maxBytes === undefined) await pipeline(input, parser, count);
    else await pipeline(input, limitBytes(options.maxBytes), parser, count);
  } catch (error) {
    const cause = countingError ?? error;
    if (cause instanceof CsvError) throw new AppError("bad_request", `the CSV cannot be read: ${cause.message}`);
    throw cause;
  }
  return buildReport(accumulator.finish(), columns, bootstrap);
}
