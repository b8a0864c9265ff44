import { describe, expect, it } from "vitest";
import { tempDir, writeFile } from "@/test/files";
import { formatOf, readRows, type RawRow } from "./read-rows";

async function readAll(file: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readRows(file)) rows.push(row);
  return rows;
}

// Line 1 is the header; line 4 is blank and skipped but still counted.
const csv = ["id,name,amount", "1,ada,100", "2,bob", "", "3,cy,300,extra", "4,dee,400"].join("\n");

// Line 2 is blank; the others are one bad JSON, one valid JSON that is not an object, two good rows.
const jsonl = ['{"id":1,"amount":100}', "", "{not json", "[1,2]", '{"id":2,"amount":200}'].join("\n");

describe("readRows", () => {
  it.each(["loans.csv", "loans.csv.gz"])(
    "reads %s with file line numbers, flagging wrong column counts",
    async (name) => {
      expect(await readAll(writeFile(tempDir(), name, csv))).toEqual([
        { line: 2, record: { id: "1", name: "ada", amount: "100" } },
        { line: 3, error: "expected 3 columns, found 2" },
        { line: 5, error: "expected 3 columns, found 4" },
        { line: 6, record: { id: "4", name: "dee", amount: "400" } },
      ]);
    },
  );

  it("strips a byte-order mark and surrounding spaces, as spreadsheet exports have them", async () => {
    const file = writeFile(tempDir(), "bom.csv", "\uFEFFid , name\n 1 , ada \n");
    expect(await readAll(file)).toEqual([{ line: 2, record: { id: "1", name: "ada" } }]);
  });

  it.each(["loans.jsonl", "loans.ndjson.gz"])("reads %s, naming invalid JSON and non-object lines", async (name) => {
    const rows = await readAll(writeFile(tempDir(), name, jsonl));
    expect(rows).toEqual([
      { line: 1, record: { id: 1, amount: 100 } },
      { line: 3, error: expect.stringMatching(/^invalid JSON: /) },
      { line: 4, error: "each line must be a JSON object" },
      { line: 5, record: { id: 2, amount: 200 } },
    ]);
  });
});

describe("formatOf", () => {
  it.each([
    ["a.csv", "csv"],
    ["A.CSV.GZ", "csv"],
    ["a.jsonl", "jsonl"],
    ["a.ndjson.gz", "jsonl"],
  ])("%s is %s", (file, format) => {
    expect(formatOf(file)).toBe(format);
  });

  it("refuses other file types with a message saying what is accepted", () => {
    expect(() => formatOf("loans.xlsx")).toThrow("expected .csv or .jsonl (optionally .gz)");
  });
});

describe("readRows line numbers", () => {
  it("reports a quoted multi-line record at the line it starts on", async () => {
    const file = writeFile(tempDir(), "multiline.csv", 'id,note\n1,plain\n\n2,"two\nlines"\n3,after');
    expect((await readAll(file)).map((row) => row.line)).toEqual([2, 4, 6]);
  });
});
