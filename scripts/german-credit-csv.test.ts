import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { GERMAN_CREDIT_CSV, GERMAN_CREDIT_DATA, germanCreditCsv } from "./german-credit-csv";

describe("germanCreditCsv", () => {
  it("is what data/german-credit/german-credit.csv holds (the committed CSV is not edited by hand)", () => {
    expect(fs.readFileSync(GERMAN_CREDIT_CSV, "utf8")).toBe(
      germanCreditCsv(fs.readFileSync(GERMAN_CREDIT_DATA, "utf8")),
    );
  });

  it("maps the coded attributes as the README says", () => {
    // The first two applicants of german.data: 67-year-old single male (A93), good credit, checking
    // A11; 22-year-old female (A92), bad credit, checking A12.
    const line1 = "A11 6 A34 A43 1169 A65 A75 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1";
    const line2 = "A12 48 A32 A43 5951 A61 A73 2 A92 A101 2 A121 22 A143 A152 1 A173 1 A191 A201 2";
    expect(germanCreditCsv(`${line1}\n${line2}\n`).split("\n")).toEqual([
      "age,age_group,personal_status,sex,checking_account,credit,checking_rule",
      "67,25+,A93,male,A11,1,2",
      "22,under25,A92,female,A12,2,1",
      "",
    ]);
  });

  it("refuses a line that is not 21 fields", () => {
    expect(() => germanCreditCsv("A11 6 A34\n")).toThrow("german.data line 1 has 3 fields, not 21");
  });
});
