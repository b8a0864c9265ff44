import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { tempDir, writeFile } from "@/test/files";
import { hostileString, injections, rowCounts, unicodeEdges } from "@/test/fuzz";
import { csvHeader, csvLine, LOAN_COLUMNS, uniqueLoan, type LoanRecord } from "@/test/loans";

/**
 * `ingest` on files with nothing storable in them (every row broken one way or another, or no
 * file of a kind it reads): the CLI exits 1 with a message naming the problem, by line where
 * there are lines, and no table gains or loses a row.
 */

/** Columns whose valid values no hostile string matches (enums and patterns). */
const STRICT = ["term", "home_ownership", "verification_status", "zip_code", "addr_state", "loan_status"] as const;
const NUMERIC = ["loan_amnt", "annual_inc", "delinq_2yrs", "open_acc", "revol_bal", "total_acc"] as const;

const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;
const csvRow = (loan: LoanRecord) => LOAN_COLUMNS.map((column) => quoted(loan[column])).join(",");

/** A loan with one column made invalid, and maybe its free-text column made hostile too. */
const brokenLoan = fc
  .tuple(
    fc.oneof(
      fc.tuple(fc.constantFrom(...STRICT), hostileString),
      fc.tuple(
        fc.constantFrom(...NUMERIC),
        fc.constantFrom(
          "abc",
          "-5",
          "1e400",
          "NaN",
          "0x10",
          "",
          ...injections,
          ...unicodeEdges.filter((s) => s.trim()),
        ),
      ),
      fc.tuple(fc.constant("emp_length" as const), fc.constantFrom("nul\u0000inside", "x".repeat(5000), " ")),
    ),
    fc.option(hostileString, { nil: undefined }),
  )
  .map(([[column, value], text]) => {
    const loan = uniqueLoan({ [column]: value });
    // The broken column keeps the row invalid whatever its free text (emp_length) becomes.
    if (text !== undefined && column !== "emp_length") loan.emp_length = text;
    return loan;
  });

type Case = { name: string; content: string | Buffer; reason: RegExp };

const fileCase: fc.Arbitrary<Case> = fc.oneof(
  fc.array(brokenLoan, { minLength: 1, maxLength: 4 }).map((loans) => ({
    name: "loans.csv",
    content: [csvHeader, ...loans.map(csvRow)].join("\n"),
    reason: /no loan that could be stored: all \d+ rows are malformed \(line 2: /,
  })),
  fc.array(brokenLoan, { minLength: 1, maxLength: 4 }).map((loans) => ({
    name: "loans.jsonl",
    content: loans.map((loan) => JSON.stringify(loan)).join("\n"),
    reason: /no loan that could be stored: all \d+ rows are malformed \(line 1: /,
  })),
  fc
    .constantFrom(
      `${csvHeader}\n${csvLine(uniqueLoan())},extra,columns`,
      `${csvHeader}\n"unterminated,${csvLine(uniqueLoan())}`,
      `${csvHeader}\n${csvLine(uniqueLoan()).split(",").slice(0, 5).join(",")}`,
    )
    .map((content) => ({ name: "loans.csv", content, reason: /all 1 rows are malformed \(line 2: / })),
  fc
    .constantFrom("[1,2,3]", '"just a string"', "{not json}", '{"loan_amnt": ', "null", "\u0000\u0001\u0002")
    .map((content) => ({ name: "loans.jsonl", content, reason: /all 1 rows are malformed \(line 1: / })),
  fc.constantFrom("", "\n\n", csvHeader).map((content) => ({ name: "loans.csv", content, reason: /has no loan rows/ })),
  fc.constantFrom("loans.csv.gz", "loans.jsonl.gz").map((name) => ({
    name,
    content: Buffer.from("this is not gzip"),
    reason: /could not be read: incorrect header check/,
  })),
  // A truncated gzip: its stream fails part-way (it once killed the process with an unhandled error).
  fc.constantFrom("loans.csv.gz", "loans.jsonl.gz").map((name) => ({
    name,
    content: gzipSync(Buffer.from(`${csvHeader}\n${csvLine(uniqueLoan())}`)).subarray(0, 30),
    reason: /could not be read: unexpected end of file/,
  })),
  fc.constantFrom("loans.txt", "loans.json", "loans.csv.zip", "../../etc/passwd").map((name) => ({
    name: path.basename(name),
    content: `${csvHeader}\n${csvLine(uniqueLoan())}`,
    reason: /unsupported file type .*expected \.csv or \.jsonl/,
  })),
);

describe("cli ingest fuzz", () => {
  it("refuses a file with nothing storable, exit 1 with a message naming the problem, and stores nothing", async () => {
    const dir = tempDir();
    {
      await fc.assert(
        fc.asyncProperty(fileCase, async ({ name, content, reason }) => {
          const file = writeFileBytes(dir, name, content);
          const before = await rowCounts();
          const { code, stdout, stderr } = await cli("ingest", file);
          expect({ code, stdout }, stderr).toEqual({ code: 1, stdout: "" });
          expect(stderr.trim()).toMatch(/^error: /);
          expect(stderr).toMatch(reason);
          expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
          expect(await rowCounts()).toEqual(before);
        }),
        { numRuns: 25 },
      );
    }
  });
});

/** Strings as text (writeFile gzips them for a .gz name), bytes exactly as given. */
function writeFileBytes(dir: string, name: string, content: string | Buffer): string {
  if (typeof content === "string") return writeFile(dir, name, content);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
