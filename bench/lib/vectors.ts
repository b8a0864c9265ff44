import { loanRowSchema, readRows, SHIPPED_CORPUS, toLoanProfile, type LoanRow } from "../../server/ingest";
import { EMBEDDING_DIMENSIONS } from "../../server/embedding";
import { hashEmbed } from "../../server/embedding";
import { seededRandom } from "../../server/seeded-random";

/**
 * Loan-profile vectors at any size, for index benchmarks beyond the shipped corpus (39,786 rows).
 *
 * Uniform random 384-d vectors would say little about HNSW: they have no neighbourhoods, so every
 * graph walk is equally hard and recall comes out far lower than on real embeddings. Instead the
 * first rows are the real corpus, embedded as the product embeds it (profile text → hash
 * embedder), and every further row is a synthetic borrower: a seeded-random real row with its
 * amounts, balances and counts jittered and, some of the time, its location, housing, term,
 * employment, verification or outcome taken from another real row. Each goes through the same
 * profile template and embedder, so the vectors have the vocabulary, sparsity and clustering of
 * the product's own, at the size being measured. Same `seed`, same vectors.
 */

export async function corpusRows(): Promise<LoanRow[]> {
  const rows: LoanRow[] = [];
  for await (const row of readRows(SHIPPED_CORPUS)) {
    if ("error" in row) continue;
    const parsed = loanRowSchema.safeParse(row.record);
    if (parsed.success) rows.push(parsed.data);
  }
  return rows;
}

export async function loanProfileVectors(
  count: number,
  seed = 1,
): Promise<{ matrix: Float32Array; dimensions: number; realRows: number }> {
  const rows = await corpusRows();
  const random = seededRandom(seed);
  const dimensions = EMBEDDING_DIMENSIONS;
  const matrix = new Float32Array(count * dimensions);
  const realRows = Math.min(count, rows.length);
  for (let i = 0; i < count; i++) {
    const row = i < realRows ? rows[i]! : syntheticBorrower(rows, random);
    matrix.set(hashEmbed(toLoanProfile(row).text, dimensions), i * dimensions);
  }
  return { matrix, dimensions, realRows };
}

function syntheticBorrower(rows: LoanRow[], random: () => number): LoanRow {
  const pick = () => rows[Math.floor(random() * rows.length)]!;
  const base = pick();
  const other = pick();
  const sometimes = (p: number) => random() < p;
  const jitter = (value: number, spread: number) => value * (1 - spread + 2 * spread * random());
  const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);
  const nudge = (value: number, by: number) => Math.max(0, value + Math.round((random() * 2 - 1) * by));

  const openAcc = nudge(base.open_acc, 2);
  const place = sometimes(0.5) ? other : base;
  return {
    ...base,
    loan_amnt: roundTo(jitter(base.loan_amnt, 0.3), 25),
    annual_inc: roundTo(jitter(base.annual_inc, 0.2), 100),
    revol_bal: Math.round(jitter(base.revol_bal, 0.3)),
    revol_util:
      base.revol_util === null
        ? null
        : Math.round(Math.min(120, Math.max(0, base.revol_util + (random() * 2 - 1) * 10)) * 10) / 10,
    open_acc: openAcc,
    total_acc: Math.max(openAcc, nudge(base.total_acc, 4)),
    inq_last_6mths: sometimes(0.3) ? nudge(base.inq_last_6mths, 1) : base.inq_last_6mths,
    addr_state: place.addr_state,
    zip_code: place.zip_code,
    home_ownership: sometimes(0.3) ? other.home_ownership : base.home_ownership,
    emp_length: sometimes(0.3) ? other.emp_length : base.emp_length,
    term: sometimes(0.2) ? other.term : base.term,
    verification_status: sometimes(0.3) ? other.verification_status : base.verification_status,
    loan_status: sometimes(0.3) ? other.loan_status : base.loan_status,
  };
}
