import { describe, expect, it } from "vitest";
import {
  attributeStatement,
  extractMentions,
  fieldWords,
  isAdverse,
  loanReasons,
  reasonsTrail,
  splitStatements,
  type CitableProfile,
} from ".";

/**
 * Three loans shaped like the shipped corpus's fields (server/ingest/loan-row.ts), plus a purpose
 * on one (a LendingClub column other corpora carry).
 */
const LOANS: CitableProfile[] = [
  {
    id: 1042,
    fields: {
      loan_amnt: 10_000,
      annual_inc: 52_000,
      revol_util: 20,
      loan_to_income_pct: 19.2,
      term: "36 months",
      home_ownership: "RENT",
      emp_length: "10+ years",
      inq_last_6mths: 3,
      pub_rec: 0,
      addr_state: "CA",
      zip_code: "945xx",
      purpose: "debt_consolidation",
    },
    outcome: "fully_paid",
  },
  {
    id: 7,
    fields: {
      loan_amnt: 12_000,
      annual_inc: 48_000,
      revol_util: 45.5,
      loan_to_income_pct: 25,
      term: "60 months",
      home_ownership: "MORTGAGE",
      emp_length: "2 years",
      inq_last_6mths: 1,
      pub_rec: 1,
      addr_state: "TX",
      zip_code: "750xx",
    },
    outcome: "charged_off",
  },
  {
    id: 9,
    fields: {
      loan_amnt: 12_000,
      annual_inc: 52_340,
      revol_util: null,
      loan_to_income_pct: 22.9,
      term: "60 months",
      home_ownership: "RENT",
      emp_length: "n/a",
      inq_last_6mths: 0,
      pub_rec: 0,
      addr_state: "CA",
      zip_code: "945xx",
    },
    outcome: "fully_paid",
  },
];

const cites = (statement: string, question = "", profiles = LOANS) =>
  attributeStatement(statement, profiles, extractMentions(question)).map((c) => `${c.profileId}.${c.field}`);

describe("splitStatements", () => {
  it("splits sentences, keeping decimals, money and abbreviations whole", () => {
    expect(
      splitStatements(
        "Loans like yours borrowed $1.2 million in all at 11.5% APR. Compare 36 vs. 60 months, e.g. the repaid ones. Done!",
      ),
    ).toEqual([
      "Loans like yours borrowed $1.2 million in all at 11.5% APR.",
      "Compare 36 vs. 60 months, e.g. the repaid ones.",
      "Done!",
    ]);
  });

  it("treats the lines of a list as statements, without their bullets", () => {
    expect(splitStatements("Two things:\n- Pay cards down.\n2. Borrow less\n\n")).toEqual([
      "Two things:",
      "Pay cards down.",
      "Borrow less",
    ]);
    expect(splitStatements("  ")).toEqual([]);
  });
});

describe("extractMentions", () => {
  const numbers = (text: string) =>
    extractMentions(text).flatMap((m) => (m.kind === "number" ? [[m.unit, m.value, m.tolerance, m.fields]] : []));

  it("reads money however it is written, to the precision written", () => {
    // Half a unit of the last digit written, capped at 1% for whole numbers ending in zeros.
    expect(numbers("an income of $52,000")).toEqual([["money", 52_000, 500, ["annual_inc"]]]);
    expect(numbers("an income of $50,000")).toEqual([["money", 50_000, 500, ["annual_inc"]]]);
    expect(numbers("an income of $52,345")).toEqual([["money", 52_345, 0.5, ["annual_inc"]]]);
    expect(numbers("earns 42k")).toEqual([["money", 42_000, 500, ["annual_inc"]]]);
    expect(numbers("earns $42.5k")).toEqual([["money", 42_500, 50, ["annual_inc"]]]);
    expect(numbers("borrowed 12,000 dollars")).toEqual([["money", 12_000, 120, ["loan_amnt"]]]);
    expect(numbers("borrowed $5,000–12,000")).toEqual([
      ["money", 5_000, 50, ["loan_amnt"]],
      ["money", 12_000, 120, ["loan_amnt"]],
    ]);
    // No word ties it to a field: any money field may hold it.
    expect(numbers("$1.2 million")).toEqual([["money", 1_200_000, 50_000, ["loan_amnt", "annual_inc", "revol_bal"]]]);
  });

  it("ties a percentage to the field its words name, nearest first", () => {
    expect(numbers("revolving utilization of 6.5%")).toEqual([["percent", 6.5, 0.05, ["revol_util"]]]);
    expect(numbers("borrowed 10–20% of income")).toEqual([
      ["percent", 10, 0.5, ["loan_to_income_pct"]],
      ["percent", 20, 0.5, ["loan_to_income_pct"]],
    ]);
    expect(numbers("a debt-to-income of 18%")).toEqual([["percent", 18, 0.5, ["dti"]]]);
    expect(numbers("an interest rate of 9.99%")).toEqual([["percent", 9.99, 0.005, ["int_rate"]]]);
  });

  it("reads terms, years at a job and counts named by their noun, never a bare number", () => {
    expect(numbers("a 60-month loan, or a 3-year loan")).toEqual([
      ["term", 60, 0, ["term"]],
      ["term", 36, 0, ["term"]],
    ]);
    expect(numbers("10 years at the job, 3 inquiries, no public records")).toEqual([
      ["years", 10, 0, ["emp_length"]],
      ["count", 3, 0, ["inq_last_6mths"]],
      ["count", 0, 0, ["pub_rec"]],
    ]);
    expect(numbers("4 of 5 loans (similarity 0.41–0.47) were repaid")).toEqual([]);
  });

  it("reads outcomes, housing and purpose, a negated outcome as its opposite", () => {
    const categories = (text: string) =>
      extractMentions(text).flatMap((m) => (m.kind === "category" ? [[m.fields[0], m.values]] : []));
    expect(categories("3 were repaid and 2 charged off")).toEqual([
      ["outcome", ["fully_paid"]],
      ["outcome", ["charged_off"]],
    ]);
    expect(categories("one was never repaid")).toEqual([["outcome", ["charged_off"]]]);
    expect(categories("renters, homeowners and those with a mortgage")).toEqual([
      ["home_ownership", ["RENT"]],
      ["home_ownership", ["OWN", "MORTGAGE"]],
      ["home_ownership", ["MORTGAGE"]],
    ]);
    expect(categories("loans for debt consolidation")).toEqual([["purpose", ["debt_consolidation"]]]);
  });
});

describe("attributeStatement", () => {
  it("cites exactly the fields whose values a statement states", () => {
    expect(cites("Loan #1042 had an annual income of $52,000 and borrowed $10,000.")).toEqual([
      "1042.annual_inc",
      "1042.loan_amnt",
    ]);
    // $52,000 is 52,340 rounded as written; 48,000 is not within half a thousand of it.
    expect(cites("Two of them earned about $52,000 a year.")).toEqual(["1042.annual_inc", "9.annual_inc"]);
    expect(cites("Their utilization was 45.5% at most, 20% at least.")).toEqual(["1042.revol_util", "7.revol_util"]);
    expect(cites("The loans that ran 60 months: one repaid, one charged off.")).toEqual([
      "7.term",
      "7.outcome",
      "9.term",
      "9.outcome",
    ]);
    expect(cites("One had 3 inquiries and one had 1 public record.")).toEqual(["1042.inq_last_6mths", "7.pub_rec"]);
    // Loan by loan, each loan's fields in the order the statement states them.
    expect(cites("One was a loan for debt consolidation by a renter.")).toEqual([
      "1042.purpose",
      "1042.home_ownership",
      "9.home_ownership",
    ]);
  });

  it("cites nothing for a statement with no matching value", () => {
    expect(cites("Paying card balances down before applying helps.")).toEqual([]);
    // Stated, but no retrieved loan has it.
    expect(cites("Those loans borrowed $31,000 at 83% utilization.")).toEqual([]);
    // A blank field matches nothing.
    expect(cites("Loan #9 had 45.5% utilization.")).toEqual([]);
    // A bound is not a loan's value, nor a prediction a loan's outcome.
    expect(cites("Of these loans, keep utilization below 20% and incomes over $52,000.")).toEqual([]);
    expect(cites("Borrowers like these are more likely to default.")).toEqual([]);
  });

  it("cites only the loans a statement names", () => {
    expect(cites("Loan #7 earned $48,000; loans that ran 60 months did worse.")).toEqual(["7.annual_inc", "7.term"]);
    // An id that was not retrieved names nothing: the whole set is searched.
    expect(cites("Loan #99 borrowed $12,000.")).toEqual(["7.loan_amnt", "9.loan_amnt"]);
  });

  it("does not cite the borrower's own figures as a loan's", () => {
    const question = "I earn $48,000 and want $12,000 over 60 months. Should I?";
    expect(cites("With your $48,000 income, a $12,000 loan is 25% of it.", question)).toEqual([]);
    expect(cites("You would borrow 25% of your income.", question)).toEqual([]);
    // Said of the loans, the same figures are the loans'.
    expect(cites("The loans that ran 60 months borrowed $12,000.", question)).toEqual([
      "7.term",
      "7.loan_amnt",
      "9.term",
      "9.loan_amnt",
    ]);
    // A request states no fact.
    expect(cites("Tell me whether you rent or pay a mortgage?", question)).toEqual([]);
    expect(cites("Tell me whether you rent, own or pay a mortgage, and I can compare.", question)).toEqual([]);
  });

  it("never cites where a borrower lives", () => {
    expect(cites("Two of them were in CA (945xx) and one in TX.")).toEqual([]);
  });
});

describe("reasonsTrail", () => {
  it("attributes free text statement by statement", () => {
    const trail = reasonsTrail({
      advice: "Of these loans, 2 were repaid. Loan #7 earned $48,000. Think it over.",
      question: "Can I borrow?",
      profiles: LOANS,
    });
    expect(trail).toEqual({
      method: "matching",
      statements: [
        {
          statement: "Of these loans, 2 were repaid.",
          citations: [
            { profileId: 1042, field: "outcome", value: "fully_paid" },
            { profileId: 9, field: "outcome", value: "fully_paid" },
          ],
        },
        { statement: "Loan #7 earned $48,000.", citations: [{ profileId: 7, field: "annual_inc", value: 48_000 }] },
        { statement: "Think it over.", citations: [] },
      ],
    });
  });

  it("keeps an advisor's own citations for the statements that were sent, of retrieved loans only", () => {
    const first = {
      statement: "All 3 were repaid.",
      citations: [{ profileId: 9, field: "outcome", value: "fully_paid" }],
    };
    const second = {
      statement: "One borrowed $10,000.",
      citations: [
        { profileId: 1042, field: "loan_amnt", value: 10_000 },
        { profileId: 5, field: "loan_amnt", value: 10_000 },
      ],
    };
    const unsent = { statement: "Never sent.", citations: [] };
    expect(
      reasonsTrail({
        advice: "All 3 were repaid. One borrowed $10,000.",
        question: "",
        profiles: LOANS,
        generated: [first, second, unsent],
      }),
    ).toEqual({
      method: "generation",
      statements: [first, { ...second, citations: [second.citations[0]] }],
    });
  });
});

describe("plain words", () => {
  it("says each field as a borrower would read it", () => {
    expect(fieldWords("annual_inc", 52_000)).toBe("annual income $52,000");
    expect(fieldWords("revol_util", 83.7)).toBe("revolving utilization 83.7%");
    expect(fieldWords("loan_to_income_pct", 19.2)).toBe("loan 19.2% of income");
    expect(fieldWords("term", " 36 months")).toBe("term 36 months");
    expect(fieldWords("home_ownership", "MORTGAGE")).toBe("homeowner with a mortgage");
    expect(fieldWords("inq_last_6mths", 1)).toBe("1 credit inquiry in 6 months");
    expect(fieldWords("outcome", "charged_off")).toBe("charged off");
    expect(fieldWords("int_rate", "10.65%")).toBe("interest rate 10.7%");
    expect(fieldWords("mystery_col", 4)).toBe("mystery col 4");
  });

  it("groups a statement's citations by loan, in the order cited", () => {
    expect(
      loanReasons({
        statement: "…",
        citations: [
          { profileId: 1042, field: "annual_inc", value: 52_000 },
          { profileId: 7, field: "outcome", value: "charged_off" },
          { profileId: 1042, field: "outcome", value: "fully_paid" },
        ],
      }),
    ).toEqual([
      { profileId: 1042, words: "Past loan #1042: annual income $52,000; repaid" },
      { profileId: 7, words: "Past loan #7: charged off" },
    ]);
  });

  it("calls advice adverse when it is against the plan or asks for a change first", () => {
    expect([
      isAdverse("decline"),
      isAdverse("reconsider"),
      isAdverse("proceed"),
      isAdverse("none"),
      isAdverse(null),
    ]).toEqual([true, true, false, false, false]);
  });
});
