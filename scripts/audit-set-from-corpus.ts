import path from "node:path";
import { buildAuditSet, type AuditSet, type CorpusRow } from "../server/fairness";
import { sha256File } from "../server/hashing";
import { loanRowSchema, readRows, SHIPPED_CORPUS } from "../server/ingest";

/**
 * The audit set built from the shipped LendingClub corpus: its rows read and validated exactly as
 * `ingest` reads them (malformed rows skipped), then handed to the pure builder.
 */

export const AUDIT_SET_SIZE = 240;

export async function auditSetFromCorpus(version: string, corpus = SHIPPED_CORPUS): Promise<AuditSet> {
  const rows: CorpusRow[] = [];
  for await (const raw of readRows(corpus)) {
    if ("error" in raw) continue;
    const parsed = loanRowSchema.safeParse(raw.record);
    if (!parsed.success) continue;
    const { loan_status: _outcome, verification_status: _verified, zip_code: _zip, ...loan } = parsed.data;
    rows.push({ line: raw.line, loan });
  }
  const name = path.relative(process.cwd(), corpus);
  return buildAuditSet(rows, {
    version,
    corpus: `${name} (LendingClub loans 2007–2011, sha256 ${await sha256File(corpus)})`,
    size: AUDIT_SET_SIZE,
  });
}
