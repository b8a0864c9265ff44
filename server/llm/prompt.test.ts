import { describe, expect, it } from "vitest";
import { toLoanProfile, loanRowSchema } from "../ingest";
import type { RetrievedProfile } from "../rag";
import { sampleLoan } from "@/test/loans";
import { promptMessages, withoutLocation } from "./prompt";

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
    expect(system!.content).toMatch(/ONLY the similar past loans/);
    expect(system!.content).toMatch(
      /race.*religion.*sex.*marital status.*age.*national origin.*disability.*familial status/s,
    );
    expect(system!.content).toMatch(/location \(state, zip code/);
    expect(system!.content).toContain("at most 200 tokens");
    expect(user!.role).toBe("user");
    expect(user!.content).toContain("Borrower's question: Should I borrow $5,000?");
    expect(user!.content).toContain("1. Loan #42 (similarity 0.87): $5,000 loan");
    expect(user!.content).toContain("2. Loan #7 (similarity 0.50)");
    expect(user!.content).not.toMatch(/AZ|860xx/);
  });

  it("says so when there are no loans", () => {
    const [, user] = promptMessages({ question: "Hi", profiles: [], maxTokens: 50 });
    expect(user!.content).toContain("(no similar past loans were found)");
  });
});
