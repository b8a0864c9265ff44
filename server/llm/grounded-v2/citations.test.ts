import { describe, expect, it } from "vitest";
import { retrievedLoan } from "@/test/loans";
import type { RetrievedProfile } from "../../rag";
import type { CitedStatement, Citation } from "../../reasons";
import { createGroundedAnalyzer, MAX_ADVICE_TOKENS } from "..";

/**
 * The faithfulness of grounded-v2's citations (issue 14, part 5): what the advisor says each
 * sentence was written from must be what the sentence depends on. For every cited loan, the
 * advice is written again without that loan, and the sentence citing it must change or
 * disappear; for every cited field whose value the sentence shows, the advice is written again
 * with that field blanked, with the same requirement. The advisor runs as the product runs it
 * (the analyzer's stream, on profiles made by the product's own toLoanProfile).
 */

function loan(id: number, paid: boolean, o: { amount: number; income: number; util: number; term: 36 | 60 }) {
  const columns = {
    loan_amnt: String(o.amount),
    annual_inc: String(o.income),
    revol_util: `${o.util}%`,
    term: `${o.term} months`,
    loan_status: paid ? "Fully Paid" : "Charged Off",
  };
  // Strong matches, 0.46 down to 0.42: every kind of answer gives its verdict rather than asking.
  return retrievedLoan(id, columns, 0.47 - id * 0.01);
}

/**
 * Repaid: 10,000/80,000 = 12.5% at 20% (36 months), 6,000/50,000 = 12% at 35% (36), 14,000/70,000
 * = 20% at 48% (60). Charged off: 15,000/45,000 = 33.3% at 88% (60), 9,000/40,000 = 22.5% at 76%
 * (36). No two share a value a range is taken over, so each range end is one loan's.
 */
const LOANS = [
  loan(1, true, { amount: 10_000, income: 80_000, util: 20, term: 36 }),
  loan(2, true, { amount: 6_000, income: 50_000, util: 35, term: 36 }),
  loan(3, true, { amount: 14_000, income: 70_000, util: 48, term: 60 }),
  loan(4, false, { amount: 15_000, income: 45_000, util: 88, term: 60 }),
  loan(5, false, { amount: 9_000, income: 40_000, util: 76, term: 36 }),
];

/** One question of each kind grounded-v2 answers from the loans (should I, how much, compare, general, will it hurt). */
const QUESTIONS = [
  "I earn $60,000, my revolving utilization is 35% and I want to borrow $12,000 over 36 months. Should I?",
  "I earn $60,000 and want $30,000 over 60 months with 90% utilization. Should I?",
  "How much can I borrow on an income of $60,000 a year over 36 months with 30% utilization?",
  "Should I take 36 or 60 months for $12,000 on a $60,000 income?",
  "Is $10,000 or $15,000 better on $60,000 income over 36 months?",
  "What happened to loans like mine? I earn $60,000 and want $12,000 over 36 months.",
  "Will my age hurt my chances? I earn $60,000 and want $12,000 over 36 months.",
];

async function advise(question: string, profiles: RetrievedProfile[]) {
  const statements: CitedStatement[] = [];
  let text = "";
  for await (const chunk of createGroundedAnalyzer().stream({
    question,
    profiles,
    maxTokens: MAX_ADVICE_TOKENS,
    cite: (statement) => statements.push(statement),
  })) {
    text += chunk;
  }
  return { text, statements };
}

const without = (id: number) => LOANS.filter((p) => p.id !== id);

/** The fields the advisor falls back on when one is blank: loan-to-income is amount ÷ income. */
const DERIVED_FROM: Record<string, string[]> = { loan_to_income_pct: ["annual_inc"] };

function blanked(citation: Citation): RetrievedProfile[] {
  const blank = [citation.field, ...(DERIVED_FROM[citation.field] ?? [])];
  return LOANS.map((p) =>
    p.id === citation.profileId
      ? { ...p, fields: { ...p.fields, ...Object.fromEntries(blank.map((f) => [f, null])) } }
      : p,
  );
}

/** A cited value as the advisor writes it, when the sentence shows it ("$14,000", "20%", "36 months"). */
function shown(citation: Citation): string | null {
  const { field, value } = citation;
  if (field === "loan_amnt" || field === "annual_inc") return `$${Math.round(Number(value)).toLocaleString("en-US")}`;
  if (field === "revol_util" || field === "loan_to_income_pct") return `${Math.round(Number(value) * 10) / 10}%`;
  return null;
}

describe("grounded-v2's citations", () => {
  it("come with every sentence it streams, and name retrieved loans with the values they hold", async () => {
    let cited = 0;
    for (const question of QUESTIONS) {
      const { text, statements } = await advise(question, LOANS);
      expect(statements.map((s) => s.statement).join(" ")).toBe(text);
      for (const { citations } of statements) {
        for (const c of citations) {
          const profile = LOANS.find((p) => p.id === c.profileId)!;
          expect(profile, `${question}: cites loan ${c.profileId}`).toBeDefined();
          expect(c.value).toBe(c.field === "outcome" ? profile.outcome : profile.fields[c.field]);
          cited++;
        }
      }
    }
    // Not vacuous: the answers above rest on the loans' outcomes, ranges and terms.
    expect(cited).toBeGreaterThan(80);
  });

  it("are faithful: without a cited loan, the sentence citing it changes or disappears", async () => {
    let checked = 0;
    for (const question of QUESTIONS) {
      const { statements } = await advise(question, LOANS);
      for (const { statement, citations } of statements) {
        for (const id of new Set(citations.map((c) => c.profileId))) {
          const again = await advise(question, without(id));
          expect(
            again.statements.map((s) => s.statement),
            `"${statement}" cites loan ${id}, yet is written the same without it`,
          ).not.toContain(statement);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("are faithful: with a cited value blanked, the sentence showing it changes or disappears", async () => {
    let checked = 0;
    for (const question of QUESTIONS) {
      const { statements } = await advise(question, LOANS);
      for (const { statement, citations } of statements) {
        for (const citation of citations) {
          const value = shown(citation);
          if (value === null || !statement.includes(value)) continue;
          const again = await advise(question, blanked(citation));
          expect(
            again.statements.map((s) => s.statement),
            `"${statement}" shows loan ${citation.profileId}'s ${citation.field}, yet is written the same without it`,
          ).not.toContain(statement);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it("cite nothing in sentences that state no loan's facts", async () => {
    const { statements } = await advise(QUESTIONS.at(-1)!, LOANS);
    const rules = statements.filter((s) =>
      /Equal Credit Opportunity Act|exceptions for age|What lenders weigh/.test(s.statement),
    );
    expect(rules).toHaveLength(3);
    expect(rules.flatMap((s) => s.citations)).toEqual([]);
    // The borrower's own facts, said back, are theirs.
    const stated = (await advise(QUESTIONS[0]!, LOANS)).statements.find((s) => s.statement.startsWith("You state"));
    expect(stated?.citations).toEqual([]);
  });

  it("report each sentence before its text goes out, so a stopped answer keeps the citations of what was sent", async () => {
    const controller = new AbortController();
    const reported: string[] = [];
    const sent: string[] = [];
    const run = async () => {
      for await (const chunk of createGroundedAnalyzer().stream({
        question: QUESTIONS[0]!,
        profiles: LOANS,
        maxTokens: MAX_ADVICE_TOKENS,
        signal: controller.signal,
        cite: (s) => reported.push(s.statement),
      })) {
        sent.push(chunk.trim());
        if (sent.length === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    expect(reported).toEqual(sent);
  });
});
