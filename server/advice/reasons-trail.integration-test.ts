import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { startOpenAiServer, type ChatRequest } from "@/test/openai-server";
import { moveProduction, registerOpenAiAnalyzer, testRelease } from "@/test/releases";
import { users } from "../auth";
import { getDb } from "../db";
import { documentsByIds } from "../ingest";
import { isAdverse, type ReasonsTrail } from "../reasons";
import { loadProduction } from "../serving";
import { adviceHistory, adviceRequests, reasonsOfAdvice, runAdvice, type AdviceEvent } from ".";

/**
 * Every answer stores its reasons trail: through the real graph (hash embedder, exact index in its
 * worker thread, the production release's grounded advisor, or a release whose analyzer is an
 * OpenAI-compatible stand-in), on real PostgreSQL. The trail's citations name the request's
 * stored sources, with the values those loans hold; a stopped answer stores the trail of what
 * was sent.
 */

async function borrower() {
  const [user] = await getDb()
    .insert(users)
    .values({ email: `reasons-${randomUUID()}@test.local`, name: "Test Borrower", role: "borrower" })
    .returning();
  return user!;
}

async function stored(id: string) {
  const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, id));
  return row!;
}

/** Every citation names one of the request's sources, by a field that loan holds with that value. */
async function expectCitationsOfSources(trail: ReasonsTrail, sources: { id: number }[]) {
  const citations = trail.statements.flatMap((s) => s.citations);
  const ids = sources.map((s) => s.id);
  const documents = new Map((await documentsByIds(ids)).map((doc) => [doc.id, doc]));
  for (const c of citations) {
    expect(ids, `cites loan ${c.profileId}`).toContain(c.profileId);
    const doc = documents.get(c.profileId)!;
    expect(c.value).toEqual(c.field === "outcome" ? doc.outcome : doc.fields[c.field]);
  }
  return citations;
}

/** An LLM stand-in that writes from the first loan of the prompt it is sent, one word at a time. */
function firstLoanWords({ user }: ChatRequest): string[] {
  const [, id, text] = /^1\. Loan #(\d+) \(similarity [\d.]+\): (.*)$/m.exec(user)!;
  const [, amount, term] = /^(\$[\d,]+) loan over (\d+ months)/.exec(text!)!;
  const outcome = text!.includes("Outcome: fully paid") ? "was repaid" : "was charged off";
  return `Loan #${id} borrowed ${amount} over ${term} and ${outcome}. Paying card balances down would help.`
    .split(" ")
    .map((word, i) => (i === 0 ? word : ` ${word}`));
}

beforeAll(async () => {
  await indexWith([
    ...Array.from({ length: 6 }, () => uniqueLoan({ home_ownership: "RENT", term: "36 months", revol_util: "35%" })),
    ...Array.from({ length: 6 }, () =>
      uniqueLoan({ home_ownership: "MORTGAGE", term: "60 months", revol_util: "80%" }),
    ),
  ]);
});

describe("the reasons trail of an advice request", () => {
  it("is stored with the grounded advisor's answer, cites its retrieved sources and is sent with done", async () => {
    const user = await borrower();
    const events: AdviceEvent[] = [];
    const result = await runAdvice(
      {
        question: "I rent, earn $60,000 and my revolving utilization is 35%. Should I borrow $12,000 over 36 months?",
        channel: "chat",
        userId: user.id,
      },
      { onEvent: (event) => events.push(event) },
    );
    expect(result.status).toBe("ok");

    const row = await stored(result.adviceId);
    const trail = row.reasonsTrail!;
    expect(trail.method).toBe("generation");
    expect(trail.statements.map((s) => s.statement).join(" ")).toBe(row.advice);
    const citations = await expectCitationsOfSources(trail, row.sources);
    // The outcome sentence counts every retrieved loan.
    expect(new Set(citations.filter((c) => c.field === "outcome").map((c) => c.profileId))).toEqual(
      new Set(row.sources.map((s) => s.id)),
    );
    // The chat gets the stored trail with `done`, and no event of the graph's own bookkeeping.
    expect(events.map((e) => e.type)).not.toContain("statement");
    expect(events.at(-1)).toMatchObject({
      type: "done",
      reasons: { trail, adverse: isAdverse(row.recommendation) },
    });
    // Reviewers read it by the request; the borrower in their own history, and only there.
    expect(await reasonsOfAdvice(result.adviceId)).toEqual({
      adviceId: result.adviceId,
      trail,
      adverse: isAdverse(row.recommendation),
    });
    expect((await adviceHistory(user.id)).find((h) => h.id === result.adviceId)?.reasonsTrail).toEqual(trail);
    expect((await adviceHistory((await borrower()).id)).map((h) => h.id)).not.toContain(result.adviceId);
  });

  it("says reviewers' unknown requests are not found", async () => {
    await expect(reasonsOfAdvice(randomUUID())).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps the trail of what was sent when the borrower stops the grounded advisor", async () => {
    const abort = new AbortController();
    let tokens = 0;
    const result = await runAdvice(
      {
        question: "I earn $60,000. Should I borrow $12,000 over 36 months?",
        channel: "chat",
        userId: (await borrower()).id,
      },
      {
        signal: abort.signal,
        onEvent: (event) => {
          if (event.type === "token" && ++tokens === 2) abort.abort();
        },
      },
    );
    expect(result.status).toBe("cancelled");
    const row = await stored(result.adviceId);
    const statements = row.reasonsTrail!.statements;
    expect(statements).toHaveLength(2);
    expect(statements.map((s) => s.statement).join(" ")).toBe(row.advice);
    expect((await expectCitationsOfSources(row.reasonsTrail!, row.sources)).length).toBeGreaterThan(0);
  });

  it("attributes an OpenAI-compatible analyzer's answer by matching, and a stopped one by what was sent", async () => {
    const server = await startOpenAiServer(firstLoanWords, { delayMs: 5 });
    const release = await testRelease({ analyzer: await registerOpenAiAnalyzer(server.baseUrl) });
    const previous = await moveProduction(release);
    try {
      await loadProduction();
      const user = await borrower();
      const whole = await runAdvice({ question: "Should I borrow over 36 months?", channel: "chat", userId: user.id });
      expect(whole.status).toBe("ok");
      const row = await stored(whole.adviceId);
      const first = row.sources[0]!.id;
      expect(row.reasonsTrail!.method).toBe("matching");
      const [loanSentence, general] = row.reasonsTrail!.statements;
      // The statement names the first loan, and states its amount, its term and its outcome.
      expect(loanSentence!.citations.map((c) => [c.profileId, c.field])).toEqual([
        [first, "loan_amnt"],
        [first, "term"],
        [first, "outcome"],
      ]);
      expect(general).toEqual({ statement: "Paying card balances down would help.", citations: [] });
      await expectCitationsOfSources(row.reasonsTrail!, row.sources);

      // Stopped after four words, "Loan #N borrowed $X": the amount it stated is what it cites.
      const abort = new AbortController();
      let tokens = 0;
      const stopped = await runAdvice(
        { question: "Should I borrow over 36 months?", channel: "chat", userId: user.id },
        {
          signal: abort.signal,
          onEvent: (event) => {
            if (event.type === "token" && ++tokens === 4) abort.abort();
          },
        },
      );
      expect(stopped.status).toBe("cancelled");
      const partial = await stored(stopped.adviceId);
      expect(partial.advice).toMatch(/^Loan #\d+ borrowed \$[\d,]+$/);
      expect(partial.reasonsTrail).toEqual({
        method: "matching",
        statements: [
          {
            statement: partial.advice,
            citations: [{ profileId: partial.sources[0]!.id, field: "loan_amnt", value: expect.any(Number) as number }],
          },
        ],
      });
      await expectCitationsOfSources(partial.reasonsTrail!, partial.sources);
    } finally {
      await moveProduction(previous);
      await loadProduction();
      await server.close();
    }
  });
});
