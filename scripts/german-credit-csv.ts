/**
 * Statlog (German Credit Data) as a CSV the fairness report reads (data/german-credit/README.md):
 *
 *   node --import tsx scripts/german-credit-csv.ts [out.csv]   (default data/german-credit/german-credit.csv)
 *
 * german.data is space-separated with coded attributes; the columns kept are those a fairness
 * report compares, named, with the groups AIF360's credit tutorial uses.
 */
import fs from "node:fs";
import path from "node:path";

export const GERMAN_CREDIT_DATA = path.resolve(import.meta.dirname, "..", "data", "german-credit", "german.data");
export const GERMAN_CREDIT_CSV = path.resolve(import.meta.dirname, "..", "data", "german-credit", "german-credit.csv");

/** Attribute 9, "personal status and sex": A92 (female: divorced/separated/married) and A95 (female: single). */
const FEMALE = new Set(["A92", "A95"]);

export const GERMAN_CREDIT_COLUMNS = [
  "age",
  "age_group",
  "personal_status",
  "sex",
  "checking_account",
  "credit",
  "checking_rule",
] as const;

/**
 * One CSV line per applicant: age (attribute 13) and age_group ("25+" privileged, "under25", as
 * AIF360's credit tutorial splits it); personal_status (attribute 9, its raw code: four values)
 * and sex (female for A92, A95, else male); checking_account (attribute 1); credit (attribute 21:
 * 1 good, the favorable outcome, 2 bad); checking_rule, an illustrative decision (not a model):
 * 1 unless the checking account is overdrawn (A11, < 0 DM), then 2.
 */
export function germanCreditCsv(data: string): string {
  const lines = data.split("\n").filter((line) => line.trim() !== "");
  const rows = lines.map((line, i) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 21) throw new Error(`german.data line ${i + 1} has ${fields.length} fields, not 21`);
    const checking = fields[0]!;
    const status = fields[8]!;
    const age = Number(fields[12]);
    const credit = fields[20]!;
    if (!Number.isInteger(age)) throw new Error(`german.data line ${i + 1}: age '${fields[12]}' is not a whole number`);
    if (credit !== "1" && credit !== "2")
      throw new Error(`german.data line ${i + 1}: credit '${credit}' is not 1 or 2`);
    return [
      age,
      age >= 25 ? "25+" : "under25",
      status,
      FEMALE.has(status) ? "female" : "male",
      checking,
      credit,
      checking === "A11" ? "2" : "1",
    ].join(",");
  });
  return [GERMAN_CREDIT_COLUMNS.join(","), ...rows].join("\n") + "\n";
}

if (process.argv[1] === import.meta.filename) {
  const out = process.argv[2] ?? GERMAN_CREDIT_CSV;
  fs.writeFileSync(out, germanCreditCsv(fs.readFileSync(GERMAN_CREDIT_DATA, "utf8")));
  console.log(`wrote ${out}`);
}
