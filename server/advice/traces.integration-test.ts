import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { users } from "../auth";
import { getDb } from "../db";
import { aliasedRelease, PRODUCTION } from "../registry";
import { reviewItems } from "../review";
import { shutdownTracing, startTracing } from "../tracing";
import { adviceRequests } from "./tables";
import { searchTraces, storeAdviceRecord, traceOf, runAdvice, type AdviceResult } from ".";

/**
 * The trace view's reads on real stored requests: two answered through the real path (one signed-in
 * borrower, one partner user) and one stored as requests were before spans were kept, flagged.
 */

const run = randomUUID().slice(0, 8);
let email: string;
let userId: string;
let chat: AdviceResult;
let partner: AdviceResult;
let old: string;
let release: string;
let startedAt: Date;

beforeAll(async () => {
  // As in the web process, with no collector: requests still get trace ids.
  startTracing("apfa-test", { tracesUrl: null });
  await indexWith(Array.from({ length: 10 }, () => uniqueLoan()));
  release = (await aliasedRelease(PRODUCTION))!.version;
  email = `Traces-${run}@Test.local`;
  const [user] = await getDb().insert(users).values({ email, name: "Traced", role: "borrower" }).returning();
  userId = user!.id;
  startedAt = new Date(Date.now() - 1000);
  chat = await runAdvice({
    question: `Can I afford $8,000 over 36 months on $40,000 a year? (${run})`,
    channel: "chat",
    userId,
    requestId: `chat-${run}`,
  });
  partner = await runAdvice({
    question: `Is a 60 month loan wise? (${run})`,
    channel: "api",
    externalUserId: `partner-user-${run}`,
  });
  old = randomUUID();
  await storeAdviceRecord({
    id: old,
    channel: "api",
    externalUserId: `old-${run}`,
    conversationId: randomUUID(),
    query: `An old flagged question (${run})`,
    status: "ok",
    advice: "Old answer.",
    sources: [],
    biasScore: 0.9,
    biasFlagged: true,
    biasReasons: ["test"],
    release: `old-${run}`,
    versions: { prompt: "advisor-prompt@0.9.0" },
    timings: { retrieverMs: 10, embedMs: 4, searchMs: 5, analyzerMs: 30, orchestratorMs: 2, totalMs: 45 },
  });
});

afterAll(async () => {
  await shutdownTracing();
  // The shared database keeps no hand-made flagged request (and its review item) for other files.
  await getDb().delete(reviewItems).where(eq(reviewItems.adviceId, old));
  await getDb().delete(adviceRequests).where(eq(adviceRequests.id, old));
});

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

describe("searchTraces", () => {
  it("finds a request by its advice id, its request id and its trace id", async () => {
    expect(ids(await searchTraces({ id: chat.adviceId }))).toEqual([chat.adviceId]);
    expect(ids(await searchTraces({ id: `chat-${run}` }))).toEqual([chat.adviceId]);
    const [summary] = await searchTraces({ id: chat.adviceId });
    expect(summary!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids(await searchTraces({ id: summary!.traceId! }))).toEqual([chat.adviceId]);
    expect(await searchTraces({ id: "no-such-request" })).toEqual([]);
  });

  it("finds a user's requests by email (any case) or id, and a partner's user by the id it sent", async () => {
    expect(ids(await searchTraces({ user: email.toLowerCase() }))).toEqual([chat.adviceId]);
    expect(ids(await searchTraces({ user: userId }))).toEqual([chat.adviceId]);
    const [byPartner] = await searchTraces({ user: `partner-user-${run}` });
    expect(byPartner).toMatchObject({ id: partner.adviceId, who: `partner-user-${run}`, channel: "api" });
    const [byEmail] = await searchTraces({ user: email });
    expect(byEmail).toMatchObject({
      who: email,
      release,
      status: "ok",
      requestId: `chat-${run}`,
      questionStart: expect.stringContaining("Can I afford $8,000"),
      totalMs: expect.any(Number),
    });
  });

  it("narrows by time range, release and flag, newest first", async () => {
    // Three requests a minute apart in a window of their own (years ahead, one per run): other
    // files store requests concurrently, and any of theirs in a window would crowd ours out.
    const base = Date.UTC(2041, 0, 1) + (parseInt(run, 16) % 100_000) * 600_000;
    const minute = (i: number) => new Date(base + i * 60_000);
    const timed = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of timed.entries())
      await storeAdviceRecord({
        id,
        channel: "api",
        externalUserId: `timed-${run}`,
        conversationId: randomUUID(),
        query: `A question at minute ${i} (${run})`,
        status: "ok",
        advice: "An answer.",
        sources: [],
        biasScore: 0,
        biasFlagged: false,
        biasReasons: [],
        release: `timed-${run}`,
        versions: {},
        timings: { totalMs: 10 },
        createdAt: minute(i),
      });
    try {
      expect(ids(await searchTraces({ from: minute(0), to: minute(3) }))).toEqual([...timed].reverse());
      expect(ids(await searchTraces({ from: minute(0.5), to: minute(1.5) }))).toEqual([timed[1]]);
      expect(await searchTraces({ from: minute(3), to: minute(4) })).toEqual([]);
    } finally {
      await getDb()
        .delete(adviceRequests)
        .where(eq(adviceRequests.release, `timed-${run}`));
    }
    const since = ids(await searchTraces({ from: startedAt, user: email }));
    expect(since).toEqual([chat.adviceId]);
    expect(ids(await searchTraces({ release: `old-${run}` }))).toEqual([old]);
    expect(ids(await searchTraces({ release: `old-${run}`, flagged: false }))).toEqual([]);
    expect(ids(await searchTraces({ user: `old-${run}`, flagged: true }))).toEqual([old]);
    expect(ids(await searchTraces({ user: email, flagged: false }))).toEqual([chat.adviceId]);
  });

  it("refuses a range that ends before it starts, naming the field", async () => {
    await expect(searchTraces({ from: new Date(), to: new Date(Date.now() - 1000) })).rejects.toThrow(
      /to must be after from/,
    );
  });
});

describe("traceOf", () => {
  it("reads a request's recorded spans, sources, prompt version, answer, bias verdict and arm", async () => {
    const trace = await traceOf(chat.adviceId);
    expect(trace).toMatchObject({
      id: chat.adviceId,
      requestId: `chat-${run}`,
      who: email,
      release,
      status: "ok",
      answer: chat.advice,
      promptVersion: chat.versions.prompt,
      versions: chat.versions,
      bias: { score: chat.bias!.score, flagged: chat.bias!.flagged, reasons: chat.bias!.reasons },
      experiment: chat.experiment?.key ?? null,
      variant: chat.experiment?.variant ?? null,
    });
    expect(trace.question).toContain("Can I afford $8,000");
    expect(trace.sources.map(({ id, score }) => ({ id, score }))).toEqual(
      chat.sources.map(({ id, score }) => ({ id, score })),
    );
    expect(trace.sources.map((source) => source.text)).toEqual(chat.sources.map((source) => source.text));
    expect(trace.timeline.rebuilt).toBe(false);
    const names = trace.timeline.spans.map((span) => span.name);
    expect(names).toEqual(
      expect.arrayContaining(["advice.request", "agent.retriever", "index.search", "agent.analyzer", "llm.generate"]),
    );
    expect(names).toContain("agent.orchestrator");
  });

  it("rebuilds the timeline of a request stored before spans were kept from its node timings", async () => {
    const trace = await traceOf(old);
    expect(trace.timeline.rebuilt).toBe(true);
    expect(trace.promptVersion).toBe("advisor-prompt@0.9.0");
    expect(trace.timeline.spans).toEqual([
      { name: "advice.request", parent: null, startMs: 0, durationMs: 45, status: "ok" },
      { name: "agent.retriever", parent: 0, startMs: 0, durationMs: 10, status: "ok" },
      { name: "rag.embed", parent: 1, startMs: 0, durationMs: 4, status: "ok" },
      { name: "index.search", parent: 1, startMs: 4, durationMs: 5, status: "ok" },
      { name: "agent.analyzer", parent: 0, startMs: 10, durationMs: 30, status: "ok" },
      { name: "agent.orchestrator", parent: 0, startMs: 40, durationMs: 2, status: "ok" },
    ]);
  });

  it("says not found for an id nothing was stored under", async () => {
    await expect(traceOf(randomUUID())).rejects.toMatchObject({ code: "not_found" });
  });
});
