import { describe, expect, it } from "vitest";
import { toLoanProfile, loanRowSchema } from "../ingest";
import type { RetrievedProfile } from "../rag";
import { sampleLoan } from "@/test/loans";
import { promptMessages, understandingLines, withoutLocation } from "./prompt";
import type { UnderstoodQuestion } from "../question";

const row = loanRowSchema.parse(sampleLoan({ loan_status: "Charged Off" }));
const loan: RetrievedProfile = { ...toLoanProfile(row), id: 42, score: 0.8731 };

describe("grounding prompt", () => {
  it("removes the state and zip from a corpus profile and keeps the rest", () => {
    expect(loan.text).toContain("in AZ (860xx)");
    const text = withoutLocation(loan);
    expect(text).not.toMatch(/AZ|860xx/);
    expect(text).toContain("$5,000 loan over 36 months for a renter, 10+ years employed");
    expect(text).toContain("high revolving utilization (83.7%)");
    expect(text).toContain("Outcome: charged off.");
  });

  it("removes location written elsewhere in a profile's text", () => {
    const text = withoutLocation({ text: "Borrower from NY, zip 100xx, paid on time.", fields: { addr_state: "NY" } });
    expect(text).not.toMatch(/NY|100xx/);
    expect(text).toContain("paid on time");
  });

  it("builds a system prompt with the rules and a user message with the question and the loans", () => {
    const [system, user] = promptMessages({
      question: "  Should I borrow $5,000? ",
      profiles: [loan, { ...loan, id: 7, score: 0.5 }],
      maxTokens: 200,
    });
    expect(system!.role).toBe("system");
    expect(system!.content).toMatch(
      /ONLY the similar past loans listed in the message and the facts the borrower stated/,
    );
    expect(system!.content).toContain("Answer the question the borrower asked, of the kind given in the message.");
    expect(system!.content).toContain("how many loans each figure rests on");
    expect(system!.content).toContain("Never state a number as the borrower's unless they gave it");
    expect(system!.content).toContain(
      "If the match is marked weak, or facts are listed as not stated, say so and ask for the two or three missing facts instead of giving a verdict.",
    );
    expect(system!.content).toContain("APFA has no information on them");
    expect(system!.content).toMatch(
      /Race.*religion.*national origin.*sex.*marital status.*age.*disability.*familial status.*public assistance are never a factor/s,
    );
    expect(system!.content).toMatch(/location \(state, zip code/);
    expect(system!.content).toContain("Equal Credit Opportunity Act (Regulation B)");
    expect(system!.content).toContain("without giving an applicant 62 or older a negative factor or value");
    expect(system!.content).toContain("at most 200 tokens");
    expect(user!.role).toBe("user");
    expect(user!.content).toContain("Borrower's question: Should I borrow $5,000?");
    expect(user!.content).toContain("1. Loan #42 (similarity 0.87): $5,000 loan");
    expect(user!.content).toContain("2. Loan #7 (similarity 0.50)");
    // The median of 0.87 and 0.50 is 0.69.
    expect(user!.content).toContain("Match: median similarity 0.69.");
    expect(user!.content).toMatch(/Question kind: .+\.\nStated facts: /);
    expect(user!.content).not.toMatch(/AZ|860xx/);
  });

  it("says so when there are no loans", () => {
    const [, user] = promptMessages({ question: "Hi", profiles: [], maxTokens: 50 });
    expect(user!.content).toContain("(no similar past loans were found)");
  });
});

describe("what the prompt says APFA understood", () => {
  const understood = (q: Partial<UnderstoodQuestion>): UnderstoodQuestion => ({
    kind: "general",
    facets: {},
    protected: [],
    mentionsLocation: false,
    missing: [],
    ...q,
  });

  it("names a comparison's options and only the facts the borrower stated", () => {
    const lines = understandingLines(
      "I rent and earn $48,000: 36 or 60 months for $15,000?",
      understood({
        kind: "compare",
        facets: { termsCompared: [36, 60], amount: 15_000, income: 48_000, housing: "rent" },
      }),
      [loan, { ...loan, score: 0.41 }, { ...loan, score: 0.39 }],
    );
    expect(lines).toEqual([
      "Question kind: compare (36 vs 60 months).",
      "Stated facts: borrowing $15,000; a term of 36 or 60 months; an income of $48,000 a year; renting.",
      "Match: median similarity 0.41.",
    ]);
  });

  it("marks weak matches, timing, missing facts, protected characteristics and places", () => {
    const lines = understandingLines(
      "I'm a 62-year-old widow in Ohio. Is now a good time to borrow?",
      understood({
        kind: "should_i",
        protected: ["age", "marital_status"],
        mentionsLocation: true,
        missing: ["amount", "income"],
      }),
      [{ ...loan, score: 0.09 }],
    );
    expect(lines).toEqual([
      "Question kind: should I (a verdict on the stated plan). It asks about timing.",
      "Stated facts: none.",
      "Not stated (ask, do not assume): how much you want to borrow; your annual income.",
      "Protected characteristics asked about: age, marital status. Never a factor: say so, with the law, then what does matter.",
      "The question mentions a place: location is never used.",
      "Match: weak (median similarity 0.09, below 0.25): say so and ask for missing facts instead of a verdict.",
    ]);
  });
});

/** Passes once the real understandQuestion (server/question) lands: promptMessages reads the question itself. */
describe("the prompt with the real understandQuestion", () => {
  it("carries the kind and the stated facts of a real question", () => {
    const [, user] = promptMessages({
      question: "I earn $48,000 and rent. Should I take $15,000 over 36 or 60 months?",
      profiles: [loan],
      maxTokens: 200,
    });
    expect(user!.content).toContain("Question kind: compare (36 vs 60 months).");
    expect(user!.content).toMatch(/Stated facts: .*an income of \$48,000 a year.*renting/);
  });
});
