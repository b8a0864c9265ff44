import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { expectConsoleError } from "@/test/console";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { checkBias } from "../bias";
import { getDb } from "../db";
import { adviceRequests } from "./tables";
import { users } from "../auth";
import { adviceHistory, recordFeedback, runAdvice, type AdviceEvent } from ".";

/** The whole pipeline on real PostgreSQL, a real exact index in its worker thread, hash embedder and grounded analyzer. */

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
    expect(result.sources.map((s) => s.score)).toEqual([...result.sources.map((s) => s.score)].sort((a, b) => b - a));
    // Which documents win depends on what else the shared test database holds (the whole shipped
    // corpus, when the ingest file ran first); renters in CA must lead either way.
    expect(result.sources.filter((s) => s.text.includes("renter in CA")).length).toBeGreaterThanOrEqual(3);
    expect(result.advice.length).toBeGreaterThan(50);
    expect(result.bias).toMatchObject({ flagged: false });
    expect(checkBias(result.advice).score).toBe(0);
    expect(result.versions).toEqual({
      embedder: "hash-v2-384",
      index: expect.stringMatching(/^[0-9a-f]{64}$/),
      analyzer: "grounded-v2",
    });

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
    expect(messages[0]).toContain("Is 36 months better?");
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
