import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { desc } from "drizzle-orm";
import { getDb } from "../db";
import { sha256File } from "../hashing";
import { countDocuments } from "./documents";
import { ingestRuns, loanDocuments } from "./tables";
import { AppError } from "../errors";
import { logger } from "../logger";
import { loanRowSchema, toLoanProfile } from "./loan-row";
import { readRows } from "./read-rows";

export { countDocuments, documentPage, documentsByIds, loanDocumentSource, type LoanDocument } from "./documents";
export type { LoanOutcome } from "./tables";
export { formatOf, readRows, type RawRow } from "./read-rows";
export { toLoanProfile, loanRowSchema, type LoanProfile, type LoanRow } from "./loan-row";

export const SHIPPED_CORPUS = path.resolve(process.cwd(), "data/lendingclub/LoanStats3a.csv.gz");

export interface IngestReport {
  source: string;
  rows: number;
  inserted: number;
  duplicates: number;
  malformed: number;
  /** Every malformed row, with its line number. */
  problems: { line: number; message: string }[];
}

const BATCH = 1000;
const STORED_PROBLEMS = 200;
const log = logger.child("ingest");

/** sha256 of the normalised fields: the same loan, however formatted, is one document. */
export function contentHash(fields: Record<string, unknown>, outcome: string): string {
  const canonical = JSON.stringify(
    Object.keys(fields)
      .sort()
      .map((key) => [key, fields[key]]),
  );
  return createHash("sha256").update(canonical).update(outcome).digest("hex");
}

/**
 * Turns a CSV or JSONL file of loans into loan-profile documents. Malformed rows are reported
 * with line numbers and skipped; valid rows are stored; rows already stored (same content hash)
 * are counted as duplicates, so re-ingesting a file changes nothing.
 */
export async function ingestFile(file: string, options: { source?: string } = {}): Promise<IngestReport> {
  if (!fs.existsSync(file)) throw new AppError("bad_request", `file not found: ${file}`);
  const source = options.source ?? path.basename(file);
  const startedAt = new Date();
  const report: IngestReport = { source, rows: 0, inserted: 0, duplicates: 0, malformed: 0, problems: [] };
  let batch: (typeof loanDocuments.$inferInsert)[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const unique = [...new Map(batch.map((doc) => [doc.contentHash, doc])).values()];
    const inserted = await getDb()
      .insert(loanDocuments)
      .values(unique)
      .onConflictDoNothing({ target: loanDocuments.contentHash })
      .returning({ id: loanDocuments.id });
    report.inserted += inserted.length;
    report.duplicates += batch.length - inserted.length;
    batch = [];
  };

  for await (const raw of readRows(file)) {
    report.rows += 1;
    if ("error" in raw) {
      report.malformed += 1;
      report.problems.push({ line: raw.line, message: raw.error });
      continue;
    }
    const parsed = loanRowSchema.safeParse(raw.record);
    if (!parsed.success) {
      report.malformed += 1;
      report.problems.push({ line: raw.line, message: parsed.error.issues.map((issue) => issue.message).join("; ") });
      continue;
    }
    const profile = toLoanProfile(parsed.data);
    batch.push({ ...profile, source, contentHash: contentHash(profile.fields, profile.outcome) });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  // A file with nothing storable is refused as a whole, and leaves no trace: it is a wrong file,
  // not an ingest with some bad rows.
  if (report.inserted + report.duplicates === 0) throw new AppError("bad_request", nothingStorable(file, report));

  await getDb()
    .insert(ingestRuns)
    .values({
      source,
      fileSha256: await sha256File(file),
      rows: report.rows,
      inserted: report.inserted,
      duplicates: report.duplicates,
      malformed: report.malformed,
      problems: report.problems.slice(0, STORED_PROBLEMS),
      startedAt,
      finishedAt: new Date(),
    });
  log.info("ingest finished", { ...report, problems: report.problems.length });
  return report;
}

/** Why a file had no loan to store, naming its first problems by line. */
function nothingStorable(file: string, report: IngestReport): string {
  if (report.rows === 0)
    return `${file} has no loan rows (a CSV needs a header line and rows; a JSONL file one object per line)`;
  const shown = report.problems.slice(0, 3).map((problem) => `line ${problem.line}: ${problem.message}`);
  const more = report.problems.length > shown.length ? `; and ${report.problems.length - shown.length} more` : "";
  return `${file} has no loan that could be stored: all ${report.rows} rows are malformed (${shown.join("; ")}${more})`;
}

export async function corpusStats() {
  const [documents, runs] = await Promise.all([
    countDocuments(),
    getDb().select().from(ingestRuns).orderBy(desc(ingestRuns.finishedAt)).limit(10),
  ]);
  return { documents, runs };
}
