import { beforeAll, describe, expect, it } from "vitest";
import { checkBias } from "../bias";
import { SHIPPED_CORPUS, loanRowSchema, toLoanProfile } from "../ingest";
import { readRows } from "../ingest";
import type { RetrievedProfile } from "../rag";
import { createGroundedAnalyzer, composeAdvice } from "./grounded";

const STATES =
  "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(
    " ",
  );

async function collect(stream: AsyncIterable<string>): Promise<{ text: string; chunks: string[] }> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { text: chunks.join(""), chunks };
}

function profile(
  id: number,
  outcome: RetrievedProfile["outcome"],
  fields: Record<string, string | number | null>,
): RetrievedProfile {
  return {
    id,
    score: 0.9,
    text: `loan ${id} in TX (750xx)`,
    outcome,
    fields: {
      addr_state: "TX",
      zip_code: "750xx",
      term: "36 months",
      delinq_2yrs: 0,
      pub_rec: 0,
      inq_last_6mths: 1,
      ...fields,
    },
  };
}

/** Real loans from the shipped corpus, and "retrievals": each query loan with its 5 nearest neighbours. */
async function realRetrievals(count: number): Promise<RetrievedProfile[][]> {
  const loans: RetrievedProfile[] = [];
  for await (const row of readRows(SHIPPED_CORPUS)) {
    if (!("record" in row)) continue;
    const parsed = loanRowSchema.safeParse(row.record);
    if (!parsed.success) continue;
    loans.push({ ...toLoanProfile(parsed.data), id: row.line, score: 0 });
    if (loans.length >= 4000) break;
  }
  const features = (p: RetrievedProfile) => {
    const f = p.fields as Record<string, number | string | null>;
    return [
      Math.log10(Number(f.annual_inc) + 1),
      Number(f.loan_to_income_pct ?? 0) / 20,
      Number(f.revol_util ?? 50) / 40,
      String(f.term).startsWith("60") ? 1 : 0,
      Number(f.delinq_2yrs) / 2,
      Number(f.inq_last_6mths) / 3,
    ];
  };
  const vectors = loans.map(features);
  // Spread the queries over the sample, and over both outcomes.
  const queries = Array.from({ length: count }, (_, i) => (i * 7919) % loans.length);
  return queries.map((q) => {
    const distance = (i: number) => vectors[i]!.reduce((sum, v, k) => sum + (v - vectors[q]![k]!) ** 2, 0);
    return loans
      .map((loan, i) => ({ loan, d: i === q ? Infinity : distance(i) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 5)
      .map(({ loan, d }) => ({ ...loan, score: Math.round((1 / (1 + d)) * 1000) / 1000 }));
  });
}

const QUESTIONS = [
  "Should I take a $12,000 loan over 60 months? My utilization is 85% and income 50k.",
  "Can I get approved for a debt consolidation loan?",
  "I earn $42,000 a year and want to borrow $8,000 over 36 months.",
  "How can I improve my chances of repaying a 60-month loan with 40% revolving utilization?",
  "Is a $25k loan too much on an income of $65,000?",
];

describe("grounded analyzer", () => {
  const analyzer = createGroundedAnalyzer();
  let retrievals: RetrievedProfile[][];

  beforeAll(async () => {
    retrievals = await realRetrievals(60);
  }, 60_000);

  it("identifies itself", () => {
    expect(analyzer.kind).toBe("grounded");
    expect(analyzer.version).toBe("grounded-v1");
  });

  it("states the outcomes and the numbers that separate repaid from charged-off neighbours", async () => {
    const profiles = [
      profile(1, "fully_paid", { annual_inc: 80_000, loan_to_income_pct: 10, revol_util: 20, inq_last_6mths: 0 }),
      profile(2, "fully_paid", { annual_inc: 60_000, loan_to_income_pct: 12, revol_util: 30, inq_last_6mths: 1 }),
      profile(3, "fully_paid", {
        annual_inc: 70_000,
        loan_to_income_pct: 14,
        revol_util: 40,
        term: "60 months",
        inq_last_6mths: 0,
      }),
      profile(4, "charged_off", {
        annual_inc: 30_000,
        loan_to_income_pct: 30,
        revol_util: 90,
        term: "60 months",
        inq_last_6mths: 4,
        delinq_2yrs: 2,
      }),
      profile(5, "charged_off", {
        annual_inc: 34_000,
        loan_to_income_pct: 26,
        revol_util: 86,
        term: "60 months",
        inq_last_6mths: 2,
      }),
    ];
    const { text, chunks } = await collect(
      analyzer.stream({
        question: "Should I borrow $12,000 over 60 months with utilization 85% and income 50k?",
        profiles,
        maxTokens: 400,
      }),
    );
    // Streamed a sentence at a time.
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((chunk) => /[.!?]\s*$/.test(chunk))).toBe(true);
    expect(text).toContain("Of the 5 most similar past loans, 3 were fully paid and 2 were charged off.");
    expect(text).toContain("median income $70,000 vs $32,000");
    expect(text).toContain("loan-to-income 12% vs 28%");
    expect(text).toContain("revolving utilization 30% vs 88%");
    expect(text).toContain("60-month terms 1 of 3 vs 2 of 2");
    expect(text).toContain(
      "You mention a $12,000 loan, a 60-month term, 85% revolving utilization, $50,000 annual income (a loan-to-income of 24%).",
    );
    expect(text).toContain("Bring revolving utilization down from 85% to below 30%");
    expect(text).toContain(
      "Consider 36 months instead of 60: 2 of the 2 charged-off loans ran 60 months, against 1 of 3 repaid.",
    );
    expect(text).toContain("borrowing about $6,000 rather than $12,000");
    expect(text).toContain("the charged-off loans averaged 3 inquiries in 6 months, the repaid ones 0.3.");
    expect(text).toContain("Keep every payment on time");
    expect(text).not.toMatch(/TX|750xx/);
    expect(checkBias(text).score).toBe(0);
  });

  it("describes a one-sided neighbourhood and handles a single loan", () => {
    const allPaid = [1, 2, 3].map((id) =>
      profile(id, "fully_paid", { annual_inc: 50_000 * id, loan_to_income_pct: 10, revol_util: 20 }),
    );
    const advice = composeAdvice("What do you think?", allPaid).join(" ");
    expect(advice).toContain("All 3 of the most similar past loans were fully paid.");
    expect(advice).toContain(
      "a median income of $100,000, loan-to-income of 10%, revolving utilization of 20%, and 0 of 3 ran 60 months",
    );
    expect(composeAdvice("?", [profile(9, "charged_off", { annual_inc: 20_000 })])[0]).toBe(
      "The most similar past loan was charged off.",
    );
  });

  it("answers gracefully when nothing similar was found", async () => {
    const { text } = await collect(analyzer.stream({ question: "Can I borrow $5,000?", profiles: [], maxTokens: 200 }));
    expect(text).toMatch(/^No similar past loans were found/);
    expect(checkBias(text).score).toBe(0);
  });

  it("keeps to about maxTokens words, in whole sentences when it can", async () => {
    const profiles = retrievalsOrThrow()[0]!;
    const full = (await collect(analyzer.stream({ question: QUESTIONS[0]!, profiles, maxTokens: 1000 }))).text;
    const short = await collect(analyzer.stream({ question: QUESTIONS[0]!, profiles, maxTokens: 40 }));
    expect(full.split(" ").length).toBeGreaterThan(40);
    expect(short.text.trim().split(/\s+/).length).toBeLessThanOrEqual(40);
    expect(short.text).toMatch(/\.$/);
    expect(full.startsWith(short.text)).toBe(true);
    const tiny = await collect(analyzer.stream({ question: QUESTIONS[0]!, profiles, maxTokens: 3 }));
    expect(tiny.text.trim().split(/\s+/)).toHaveLength(3);
  });

  it("stops when the signal aborts mid-stream", async () => {
    const controller = new AbortController();
    const received: string[] = [];
    const run = async () => {
      for await (const chunk of analyzer.stream({
        question: QUESTIONS[0]!,
        profiles: retrievalsOrThrow()[1]!,
        maxTokens: 200,
        signal: controller.signal,
      })) {
        received.push(chunk);
        if (received.length === 3) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: "AbortError" });
    expect(received).toHaveLength(3);
  });

  it("never mentions protected attributes or location over 60 real-corpus retrievals", async () => {
    const retrieved = retrievalsOrThrow();
    expect(retrieved).toHaveLength(60);
    const outcomes = new Set<string>();
    for (const [i, profiles] of retrieved.entries()) {
      const { text } = await collect(
        analyzer.stream({ question: QUESTIONS[i % QUESTIONS.length]!, profiles, maxTokens: 200 }),
      );
      const paid = profiles.filter((p) => p.outcome === "fully_paid").length;
      outcomes.add(`${paid}/${profiles.length}`);
      expect(text.length).toBeGreaterThan(100);
      // Grounded in these loans: the outcome count is stated.
      expect(text).toMatch(
        paid === 5
          ? /All 5 .* fully paid/
          : paid === 0
            ? /All 5 .* charged off/
            : new RegExp(`${paid} (was|were) fully paid`),
      );
      const bias = checkBias(text);
      expect(bias.score, `${text}\n${bias.reasons.join("\n")}`).toBe(0);
      expect(text).not.toMatch(/\d{3}xx/);
      for (const state of STATES) expect(text, `state ${state} in: ${text}`).not.toMatch(new RegExp(`\\b${state}\\b`));
    }
    // The sample really does cover mixed neighbourhoods, not just all-repaid ones.
    expect(outcomes.size).toBeGreaterThan(2);
  });

  function retrievalsOrThrow(): RetrievedProfile[][] {
    if (!retrievals) throw new Error("retrievals not loaded");
    return retrievals;
  }
});
