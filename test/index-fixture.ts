import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeLiveIndex } from "@/server/index-store";
import { ingestFile } from "@/server/ingest";
import { ensureActiveIndex } from "@/server/seed";
import { writeFile } from "./files";
import { csvHeader, csvLine, uniqueLoan, type LoanRecord } from "./loans";

/**
 * Stores `loans` and makes sure the active index covers them. Integration files share one
 * database, so the index is rebuilt whenever documents were added since it was built.
 * Call from beforeAll (tempDir() only works inside a test).
 */
export async function indexWith(loans: LoanRecord[] = Array.from({ length: 10 }, () => uniqueLoan())): Promise<void> {
  await ingestLoans(loans);
  await closeLiveIndex();
  await ensureActiveIndex({ rebuildIfStale: true });
}

/** Stores `loans` as documents (through the real ingest path), without touching the index. */
export async function ingestLoans(loans: LoanRecord[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-index-"));
  try {
    await ingestFile(writeFile(dir, "loans.csv", [csvHeader, ...loans.map(csvLine)].join("\n")), {
      source: `index-fixture-${randomUUID()}`,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
