import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retrievedLoan } from "@/test/loans";
import { startOpenAiServer, type ChatRequest, type OpenAiTestServer } from "@/test/openai-server";
import type { RetrievedProfile } from "../rag";
import { reasonsTrail, type ReasonsTrail } from "../reasons";
import { createOpenAiAnalyzer, MAX_ADVICE_TOKENS } from ".";

/**
 * The faithfulness of attributing an LLM's free text (issue 14, part 5). An OpenAI-compatible
 * stand-in writes, like a model told to use only the loans it is shown, from the loans in the
 * prompt the product sends: the first loan's amount, term, income and outcome, how many of the
 * loans were repaid, then a word to the borrower and general advice. Its answer streams through
 * the product's OpenAI analyzer and is attributed as the graph attributes it (server/reasons).
 * A cited loan removed, the answer is written again and the statement citing it changes; a cited
 * field blanked, the same text is attributed again and no longer cites it; a statement that
 * states no loan's value cites nothing.
 */

/** "1. Loan #12 (similarity 0.46): $10,000 loan over 36 months … income of $80,000 a year …" */
function standIn({ user }: ChatRequest): string[] {
  const loans = [...user.matchAll(/^\d+\. Loan #(\d+) \(similarity [\d.]+\): (.*)$/gm)].map(([, id, text]) => ({
    id: id!,
    text: text!,
  }));
  const first = loans[0]!;
  const [, amount, term] = /^(\$[\d,]+) loan over (\d+ months)/.exec(first.text)!;
  const [, income] = /income of (\$[\d,]+) a year/.exec(first.text)!;
  const outcome = first.text.includes("Outcome: fully paid") ? "was repaid" : "was charged off";
  const repaid = loans.filter((loan) => loan.text.includes("Outcome: fully paid")).length;
  return [
    `Loan #${first.id} borrowed ${amount} over ${term} on an income of ${income} a year and ${outcome}.`,
    ` Of the ${loans.length} loans shown, ${repaid} were repaid.`,
    " With your stated income of $60,000, keep the amount modest.",
    " Paying card balances down before applying would help.",
  ];
}

const LOANS: RetrievedProfile[] = [
  retrievedLoan(12, { loan_amnt: "10000", annual_inc: "80000", term: "36 months", loan_status: "Fully Paid" }, 0.46),
  retrievedLoan(13, { loan_amnt: "6000", annual_inc: "50000", term: "60 months", loan_status: "Fully Paid" }, 0.45),
  retrievedLoan(14, { loan_amnt: "15000", annual_inc: "45000", term: "60 months", loan_status: "Charged Off" }, 0.44),
];
const QUESTION = "I earn $60,000. Should I borrow $12,000?";

let server: OpenAiTestServer;

beforeAll(async () => {
  server = await startOpenAiServer(standIn);
});

afterAll(async () => {
  await server.close();
});

/** The answer written from `profiles`, and its trail. */
async function answer(profiles: RetrievedProfile[]): Promise<{ advice: string; trail: ReasonsTrail }> {
  const analyzer = createOpenAiAnalyzer({ baseUrl: server.baseUrl, model: "stand-in" });
  let advice = "";
  for await (const chunk of analyzer.stream({ question: QUESTION, profiles, maxTokens: MAX_ADVICE_TOKENS })) {
    advice += chunk;
  }
  advice = advice.trim();
  expect(analyzer.cites).toBeFalsy();
  return { advice, trail: reasonsTrail({ advice, question: QUESTION, profiles }) };
}

const cited = (trail: ReasonsTrail) =>
  trail.statements.map((s) => [s.statement, s.citations.map((c) => `${c.profileId}.${c.field}=${c.value}`)]);

describe("the reasons trail of an LLM's answer", () => {
  it("cites the loans and fields each statement states, and nothing for a statement that states none", async () => {
    const { trail } = await answer(LOANS);
    expect(trail.method).toBe("matching");
    expect(cited(trail)).toEqual([
      [
        "Loan #12 borrowed $10,000 over 36 months on an income of $80,000 a year and was repaid.",
        ["12.loan_amnt=10000", "12.term=36 months", "12.annual_inc=80000", "12.outcome=fully_paid"],
      ],
      ["Of the 3 loans shown, 2 were repaid.", ["12.outcome=fully_paid", "13.outcome=fully_paid"]],
      // The borrower's own income, said back to them, is no loan's.
      ["With your stated income of $60,000, keep the amount modest.", []],
      ["Paying card balances down before applying would help.", []],
    ]);
  });

  it("is faithful: without a cited loan, the statement citing it changes or disappears", async () => {
    const { trail } = await answer(LOANS);
    let checked = 0;
    for (const { statement, citations } of trail.statements) {
      for (const id of new Set(citations.map((c) => c.profileId))) {
        const again = await answer(LOANS.filter((p) => p.id !== id));
        expect(
          again.trail.statements.map((s) => s.statement),
          `"${statement}" cites loan ${id}, yet is written the same without it`,
        ).not.toContain(statement);
        expect(again.trail.statements.flatMap((s) => s.citations).map((c) => c.profileId)).not.toContain(id);
        checked++;
      }
    }
    expect(checked).toBe(3);
  });

  it("is faithful: with a cited field blanked, no statement cites it and what stated only it cites nothing", async () => {
    const { advice, trail } = await answer(LOANS);
    const first = trail.statements[0]!;
    for (const citation of first.citations.filter((c) => c.field !== "outcome")) {
      const profiles = LOANS.map((p) =>
        p.id === citation.profileId ? { ...p, fields: { ...p.fields, [citation.field]: null } } : p,
      );
      const again = reasonsTrail({ advice, question: QUESTION, profiles });
      const still = again.statements[0]!.citations.map((c) => c.field);
      expect(still, `${citation.field} blanked`).not.toContain(citation.field);
      expect(still).toEqual(first.citations.map((c) => c.field).filter((field) => field !== citation.field));
    }
    // Every field a statement stated blanked: it cites nothing at all.
    const emptied = LOANS.map((p) => ({ ...p, fields: {}, outcome: "unknown" }));
    expect(
      reasonsTrail({ advice, question: QUESTION, profiles: emptied }).statements.flatMap((s) => s.citations),
    ).toEqual([]);
  });
});
