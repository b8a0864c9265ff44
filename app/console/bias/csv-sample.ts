import { parse } from "csv-parse/browser/esm/sync";

/** How much of a chosen file the form reads to offer its columns and their values. */
const SAMPLE_BYTES = 256 * 1024;
const MAX_VALUES = 50;

export interface CsvSample {
  columns: string[];
  /** Distinct values per column in the sampled rows (at most MAX_VALUES each), in order of first sight. */
  values: Record<string, string[]>;
}

/**
 * The header and a sample of a CSV's values, read in the browser from the file's first bytes (cut
 * at the last complete line), so the form can offer columns and values before the upload. The
 * report itself reads the whole file on the server.
 */
export async function sampleCsv(file: Blob): Promise<CsvSample> {
  const text = await file.slice(0, SAMPLE_BYTES).text();
  const complete = file.size > SAMPLE_BYTES ? text.slice(0, text.lastIndexOf("\n") + 1) : text;
  const records = parse(complete, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  const [columns = [], ...rows] = records;
  const values: Record<string, string[]> = {};
  columns.forEach((column, i) => {
    const seen = new Set<string>();
    for (const row of rows) {
      const value = row[i];
      if (value !== undefined && value !== "") seen.add(value);
      if (seen.size >= MAX_VALUES) break;
    }
    values[column] = [...seen];
  });
  return { columns, values };
}
