import { describe, expect, it } from "vitest";
import { sampleLoan } from "@/test/loans";
import { loanRowSchema, toLoanProfile } from "./loan-row";

const row = (overrides: Record<string, string> = {}) => sampleLoan(overrides);

/** The messages zod gives for a row, or [] if it is valid. */
const problems = (raw: Record<string, unknown>) =>
  loanRowSchema.safeParse(raw).error?.issues.map((issue) => issue.message) ?? [];

describe("toLoanProfile", () => {
  it("describes amount, term, housing and outcome in the text", () => {
    const profile = toLoanProfile(loanRowSchema.parse(row()));
    expect(profile.text).toContain("$5,000 loan over 36 months");
    expect(profile.text).toContain("for a renter in AZ (860xx)");
    expect(profile.text).toContain("high revolving utilization (83.7%)");
    expect(profile.text).toContain("Outcome: fully paid.");
    expect(profile.outcome).toBe("fully_paid");
  });

  it("keeps the structured fields, with numbers as numbers and the outcome out of them", () => {
    const { fields } = toLoanProfile(
      loanRowSchema.parse(row({ loan_status: "Charged Off", home_ownership: "MORTGAGE" })),
    );
    expect(fields).toMatchObject({ loan_amnt: 5000, annual_inc: 24000, revol_util: 83.7, loan_to_income_pct: 20.8 });
    expect(fields).not.toHaveProperty("loan_status");
  });

  it("names the outcome and housing of a charged-off mortgage holder", () => {
    const profile = toLoanProfile(loanRowSchema.parse(row({ loan_status: "Charged Off", home_ownership: "MORTGAGE" })));
    expect(profile.outcome).toBe("charged_off");
    expect(profile.text).toContain("homeowner with a mortgage");
    expect(profile.text).toContain("Outcome: charged off.");
  });

  it("treats a blank revol_util as not reported", () => {
    const parsed = loanRowSchema.parse(row({ revol_util: "" }));
    expect(parsed.revol_util).toBeNull();
    expect(toLoanProfile(parsed).text).toContain("utilization not reported");
  });

  it("accepts numbers from JSONL as well as strings from CSV", () => {
    expect(problems({ ...row(), loan_amnt: 5000, revol_util: 12.5, open_acc: 3 })).toEqual([]);
  });
});

describe("loanRowSchema", () => {
  it("accepts the sample row", () => {
    expect(problems(row())).toEqual([]);
  });

  it.each([
    ["loan_amnt", "lots", /^loan_amnt must be a number$/],
    // Number() would read these as 16, 0, 0 and 1000: a loan file's cells are plain decimals.
    ["loan_amnt", "0x10", /^loan_amnt must be a number$/],
    ["annual_inc", "", /^annual_inc must be a number$/],
    ["revol_bal", " ", /^revol_bal must be a number$/],
    ["open_acc", "1e3", /^open_acc must be a number$/],
    ["loan_amnt", "0", /^loan_amnt must be > 0$/],
    ["annual_inc", "-1", /^annual_inc must be ≥ 0$/],
    ["term", "48 months", /^term must be '36 months' or '60 months'$/],
    ["home_ownership", "CASTLE", /^home_ownership must be/],
    ["verification_status", "Maybe", /^verification_status must be/],
    ["zip_code", "86001", /^zip_code must look like/],
    ["addr_state", "Arizona", /^addr_state must be a two-letter state code$/],
    ["open_acc", "2.5", /^open_acc must be a whole number$/],
    ["revol_util", "lots%", /^revol_util must be a percentage/],
    ["loan_status", "Current", /^loan_status must be 'Fully Paid' or 'Charged Off'$/],
    ["emp_length", " ", /^emp_length is empty$/],
  ])("%s = %j gives a message naming the field", (field, value, message) => {
    expect(problems(row({ [field]: value }))).toEqual([expect.stringMatching(message)]);
  });

  it("names a missing column", () => {
    const withoutZip: Partial<ReturnType<typeof row>> = row();
    delete withoutZip.zip_code;
    expect(problems(withoutZip)).toEqual(["zip_code is missing"]);
  });
});
