import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tempDir, writeFile } from "@/test/files";
import { csvHeader, csvLine, uniqueLoan } from "@/test/loans";
import { getDb } from "../db";
import { ingestRuns, loanDocuments } from "./tables";
import { AppError } from "../errors";
import { countDocuments, ingestFile, SHIPPED_CORPUS } from ".";

const documentsFrom = (source: string) => getDb().select().from(loanDocuments).where(eq(loanDocuments.source, source));
const runsFor = (source: string) => getDb().select().from(ingestRuns).where(eq(ingestRuns.source, source));

describe("ingestFile", () => {
  it("keeps the rows before an unterminated quote and records the run with the problem", async () => {
    const good = uniqueLoan();
    const file = writeFile(tempDir(), "broken.csv", [csvHeader, csvLine(good), '5000,"36 months,RENT'].join("\n"));
    const source = `ingest-broken-${randomUUID()}`;

    const report = await ingestFile(file, { source });

    expect(report).toMatchObject({ rows: 2, inserted: 1, malformed: 1 });
    expect(report.problems).toEqual([
      { line: 3, message: expect.stringContaining("the rest of the file could not be read") as string },
    ]);
    expect(await documentsFrom(source)).toHaveLength(1);
    expect(await runsFor(source)).toHaveLength(1);
  });

  const [a, b, c] = [
    uniqueLoan(),
    uniqueLoan({ loan_amnt: "12000", home_ownership: "OWN" }),
    uniqueLoan({ revol_util: "" }),
  ];
  const lines = [
    csvHeader, //                                         line 1
    csvLine(a), //                                        line 2
    csvLine({ ...uniqueLoan(), term: "48 months" }), //   line 3: invalid value
    csvLine(b), //                                        line 4
    "5000,36 months,RENT", //                             line 5: wrong column count
    csvLine(c), //                                        line 6
    csvLine(a), //                                        line 7: same loan again
  ];

  it("stores valid rows, reports malformed ones by line, records the run, and is idempotent", async () => {
    const file = writeFile(tempDir(), "loans.csv", lines.join("\n"));
    const source = `ingest-test-${randomUUID()}`;

    const report = await ingestFile(file, { source });
    expect(report).toEqual({
      source,
      rows: 6,
      inserted: 3,
      duplicates: 1,
      malformed: 2,
      problems: [
        { line: 3, message: "term must be '36 months' or '60 months'" },
        { line: 5, message: "expected 16 columns, found 3" },
      ],
    });

    const documents = await documentsFrom(source);
    expect(documents).toHaveLength(3);
    expect(documents.map((doc) => doc.text)).toContainEqual(
      expect.stringContaining("$12,000 loan over 36 months for a homeowner"),
    );
    expect(documents.find((doc) => doc.fields.revol_util === null)?.text).toContain("utilization not reported");

    const [run] = await runsFor(source);
    expect(run).toMatchObject({ rows: 6, inserted: 3, duplicates: 1, malformed: 2, problems: report.problems });
    expect(run?.fileSha256).toBe(createHash("sha256").update(fs.readFileSync(file)).digest("hex"));

    // Re-ingesting changes nothing but is still recorded as a run.
    const again = await ingestFile(file, { source });
    expect(again).toMatchObject({ rows: 6, inserted: 0, duplicates: 4, malformed: 2 });
    expect(await documentsFrom(source)).toHaveLength(3);
    expect(await runsFor(source)).toHaveLength(2);
  });

  it("treats the same loan in JSONL (numbers instead of strings) as a duplicate of the CSV one", async () => {
    const loan = uniqueLoan();
    const dir = tempDir();
    await ingestFile(writeFile(dir, "loans.csv", [csvHeader, csvLine(loan)].join("\n")));
    const asJson = { ...loan, loan_amnt: Number(loan.loan_amnt), annual_inc: Number(loan.annual_inc), open_acc: 3 };
    const report = await ingestFile(writeFile(dir, "loans.jsonl.gz", `${JSON.stringify(asJson)}\n`));
    expect(report).toMatchObject({ rows: 1, inserted: 0, duplicates: 1, malformed: 0 });
  });

  it("refuses a missing file as bad input, before recording anything", async () => {
    const source = `missing-${randomUUID()}`;
    const error = await ingestFile("/nonexistent/loans.csv", { source }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "bad_request", message: "file not found: /nonexistent/loans.csv" });
    expect(await runsFor(source)).toEqual([]);
  });

  it("ingests the shipped LendingClub corpus: 39,786 loans, none malformed", async () => {
    const source = `shipped-${randomUUID()}`;
    const before = await countDocuments();
    const report = await ingestFile(SHIPPED_CORPUS, { source });
    expect(report).toMatchObject({ rows: 39_786, malformed: 0, problems: [] });
    // No other test ingests this file, so in a fresh database every loan is new; counting the
    // duplicates too keeps the test true on a database where it was ingested before.
    expect(report.inserted + report.duplicates).toBe(39_786);
    expect((await countDocuments()) - before).toBe(report.inserted);
  });
});
