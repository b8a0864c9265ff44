import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { expectConsoleError } from "@/test/console";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { startOpenAiServer } from "@/test/openai-server";
import { moveProduction, registerOpenAiAnalyzer, testRelease } from "@/test/releases";
import { checkBias } from "../bias";
import { getDb } from "../db";
import { adviceRequests } from "./tables";
import { users } from "../auth";
import { aliasedRelease, componentsOf, PRODUCTION, type ReleaseRow } from "../registry";
import { loadProduction } from "../serving";
import { adviceHistory, recordFeedback, releaseOfAdvice, runAdvice, type AdviceEvent, type AdviceResult } from ".";

/**
 * The whole pipeline on real PostgreSQL, a real exact index in its worker thread, served by the
 * production release seeded from the environment: hash embedder and grounded analyzer.
 */

let production: ReleaseRow;

async function borrower() {
  const [user] = await getDb()
    .insert(users)
    .values({ email: `advice-${randomUUID()}@test.local`, name: "Test Borrower", role: "borrower" })
    .returning();
  return user!;
}

beforeAll(async () => {
  // Renters in CA with high utilization next to unrelated homeowners, so retrieval has a right answer.
  await indexWith([
    ...Array.from({ length: 8 }, () => uniqueLoan({ home_ownership: "RENT", addr_state: "CA", revol_util: "91%" })),
    ...Array.from({ length: 8 }, () => uniqueLoan({ home_ownership: "MORTGAGE", addr_state: "TX", revol_util: "5%" })),
  ]);
  production = (await aliasedRelease(PRODUCTION))!;
});

describe("runAdvice", () => {
  it("streams sources, tokens and a bias verdict, then stores the request", async () => {
    const user = await borrower();
    const events: AdviceEvent[] = [];
    const result = await runAdvice(
      {
        question: "I rent in CA and my revolving utilization is very high. Should I borrow $10,000?",
        channel: "chat",
        userId: user.id,
      },
      { onEvent: (event) => events.push(event) },
    );

    expect(result.status).toBe("ok");
    expect(result.sources).toHaveLength(5);
    // Which documents win depends on what else the shared test database holds (the whole shipped
    // corpus, when the ingest file ran first); renters must lead either way. The state is never
    // what decides (server/rag/hybrid-retrieval.integration-test.ts).
    expect(result.sources.filter((s) => s.text.includes("renter")).length).toBeGreaterThanOrEqual(3);
    expect(result.advice.length).toBeGreaterThan(50);
    expect(result.bias).toMatchObject({ flagged: false });
    expect(checkBias(result.advice).score).toBe(0);
    // Named by its release, beside the registry's component versions.
    expect(result.release).toBe(production.version);
    expect(result.versions).toEqual(componentsOf(production));
    expect(result.versions).toMatchObject({
      embedder: "hash-embedder@1.0.0",
      index: expect.stringMatching(/^[0-9a-f]{64}$/),
      analyzer: "grounded@1.0.0",
      prompt: "advisor-prompt@1.0.0",
      biasPolicy: "bias-policy@1.0.0",
    });
    expect(events.at(-1)).toMatchObject({ type: "done", release: production.version, versions: result.versions });

    const types = events.map((e) => e.type);
    expect(types[0]).toBe("sources");
    expect(types.filter((t) => t === "token").length).toBeGreaterThan(1);
    expect(types.slice(-2)).toEqual(["bias", "done"]);
    expect(
      events
        .filter((e) => e.type === "token")
        .map((e) => (e as { text: string }).text)
        .join("")
        .trim(),
    ).toBe(result.advice);

    const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, result.adviceId));
    expect(row).toMatchObject({
      status: "ok",
      channel: "chat",
      userId: user.id,
      advice: result.advice,
      biasFlagged: false,
      error: null,
      release: production.version,
      versions: result.versions,
    });
    expect(await releaseOfAdvice(result.adviceId)).toMatchObject({
      adviceId: result.adviceId,
      release: production.version,
      versions: result.versions,
      components: componentsOf(production),
    });
    expect(row?.sources).toEqual(result.sources.map(({ id, score }) => ({ id, score })));
    expect(row?.timings).toMatchObject({
      retrieverMs: expect.any(Number),
      analyzerMs: expect.any(Number),
      orchestratorMs: expect.any(Number),
      totalMs: expect.any(Number),
    });
  });

  it("ends with an error, and logs the whole record, when the request cannot be stored", async () => {
    const events: AdviceEvent[] = [];
    // PostgreSQL refuses a conversation id that is not a UUID: a storage failure after the answer.
    const { result, messages } = await expectConsoleError(/advice request could not be stored/, () =>
      runAdvice(
        {
          question: "Is 36 months better?",
          channel: "api",
          externalUserId: "store-fail",
          conversationId: "not-a-uuid",
        },
        { onEvent: (event) => events.push(event) },
      ),
    );
    expect(result.status).toBe("error");
    expect(events.map((e) => e.type)).not.toContain("done");
    expect(events.at(-1)).toMatchObject({
      type: "error",
      message: "Your answer could not be saved; please try again.",
    });
    expect(messages[0]).toContain(result.adviceId);
    // The record is logged for an auditor, all but the question (personal data: never logged).
    expect(messages[0]).not.toContain("Is 36 months better?");
  });

  it("records a cancelled request when the client goes away", async () => {
    const user = await borrower();
    const abort = new AbortController();
    abort.abort();
    const result = await runAdvice(
      { question: "Is a 60 month loan wise?", channel: "chat", userId: user.id },
      { signal: abort.signal },
    );
    expect(result.status).toBe("cancelled");
    const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, result.adviceId));
    expect(row?.status).toBe("cancelled");
  });

  it("stops an answer when the borrower stops it mid-stream and stores what was written until then", async () => {
    const user = await borrower();
    const abort = new AbortController();
    const words = Array.from({ length: 20 }, (_, i) => `word${i} `);
    // An LLM server answering one word at a time, each after a wait, served by a release of its own.
    const server = await startOpenAiServer(() => words, { delayMs: 5 });
    const release = await testRelease({ analyzer: await registerOpenAiAnalyzer(server.baseUrl) });
    const previous = await moveProduction(release);
    try {
      await loadProduction();
      const events: AdviceEvent[] = [];
      const result = await runAdvice(
        { question: "Is a 60 month loan wise?", channel: "chat", userId: user.id },
        {
          signal: abort.signal,
          onEvent: (event) => {
            events.push(event);
            if (events.filter((e) => e.type === "token").length === 3) abort.abort();
          },
        },
      );

      expect(result.status).toBe("cancelled");
      expect(result.release).toBe(release);
      expect(events.map((e) => e.type)).toEqual(["sources", "token", "token", "token"]);
      const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, result.adviceId));
      expect(row).toMatchObject({ status: "cancelled", advice: "word0 word1 word2", biasScore: null, release });
      expect(row?.error).toContain("stopped");
      // The connection was dropped: the server stopped long before its twentieth word.
      await vi.waitFor(() => expect(server.abandoned).toBe(1));
      expect(server.wordsSent).toBeLessThan(words.length);
    } finally {
      await moveProduction(previous);
      await loadProduction();
      await server.close();
    }
  });

  it("a Stop while the finished answer is being stored is recorded as stopped, not as an answer given", async () => {
    const user = await borrower();
    const abort = new AbortController();
    const events: AdviceEvent[] = [];
    let running: Promise<AdviceResult> | undefined;
    // The grounded analyzer writes its answer in milliseconds, so the borrower's chat is "streaming"
    // mostly while the record is written. Holding the table makes that write wait, as a write under
    // load does, and the Stop arrives then: after the last word and the bias verdict, before `done`.
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`lock table ${adviceRequests} in share mode`);
      running = runAdvice(
        { question: "Should I borrow $9,000 over 36 months?", channel: "chat", userId: user.id },
        { signal: abort.signal, onEvent: (event) => events.push(event) },
      );
      await vi.waitFor(
        async () => {
          const waiting = await getDb().execute(
            sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into "advice_requests"%'`,
          );
          expect(waiting.rows).toHaveLength(1);
        },
        { timeout: 30_000 },
      );
      abort.abort();
    });
    const result = await running!;

    expect(events.map((e) => e.type)).toContain("bias");
    expect(events.map((e) => e.type)).not.toContain("done");
    expect(result.status).toBe("cancelled");
    const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, result.adviceId));
    expect(row).toMatchObject({ status: "cancelled", advice: result.advice, biasFlagged: false });
    expect(result.advice.length).toBeGreaterThan(50);
    expect(row?.error).toContain("before it was delivered");
  });

  it("keeps history per user and stores feedback only on the user's own requests", async () => {
    const [alice, bob] = [await borrower(), await borrower()];
    const first = await runAdvice({
      question: "Should I consolidate my credit cards?",
      channel: "chat",
      userId: alice.id,
    });
    await runAdvice({
      question: "Is 36 months better than 60?",
      channel: "chat",
      userId: alice.id,
      conversationId: first.conversationId,
    });

    const history = await adviceHistory(alice.id);
    expect(history.map((h) => h.query)).toEqual([
      "Is 36 months better than 60?",
      "Should I consolidate my credit cards?",
    ]);
    expect(new Set(history.map((h) => h.conversationId))).toEqual(new Set([first.conversationId]));
    expect(await adviceHistory(bob.id)).toEqual([]);

    await recordFeedback(alice.id, { adviceId: first.adviceId, rating: 4, thumbs: "up" });
    const [rated] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, first.adviceId));
    expect(rated).toMatchObject({ rating: 4, thumbs: "up" });
    await expect(recordFeedback(bob.id, { adviceId: first.adviceId, rating: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses queries embedded by another embedder than the index's, and says so", async () => {
    const user = await borrower();
    const { getLiveIndex } = await import("../index-store");
    const live = await getLiveIndex();
    const original = live.manifest.embedderVersion;
    live.manifest.embedderVersion = "minilm-l6-v2@000000000000";
    try {
      const events: AdviceEvent[] = [];
      const { result } = await expectConsoleError(/advice request failed/, () =>
        runAdvice({ question: "Any advice?", channel: "chat", userId: user.id }, { onEvent: (e) => events.push(e) }),
      );
      expect(result.status).toBe("error");
      expect(result.error).toContain("was built with embedder minilm-l6-v2@000000000000");
      expect(events.at(-1)).toMatchObject({ type: "error", message: expect.stringContaining("rebuild the index") });
    } finally {
      live.manifest.embedderVersion = original;
    }
  });
});
