import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectConsoleError } from "@/test/console";
import { indexWith } from "@/test/index-fixture";
import { captureConsole } from "@/test/log-capture";
import { uniqueLoan } from "@/test/loans";
import { users } from "../auth";
import { getDb } from "../db";
import { getLiveIndex } from "../index-store";
import { logLevel, setLogLevel } from "../logger";
import { shutdownTracing, startTracing } from "../tracing";
import { adviceRequests } from "./tables";
import { runAdvice } from ".";

/**
 * What the product logs about an advice request: JSON lines that name the request, the caller,
 * the release and the trace, and never the borrower's question (personal data, kept in the stored
 * request only), whether the request is answered, fails, or cannot be stored. Logged at debug, so
 * every line the product can write is seen.
 */

let capture: ReturnType<typeof captureConsole>;
const level = logLevel();

beforeAll(async () => {
  await indexWith(Array.from({ length: 8 }, () => uniqueLoan()));
  setLogLevel("debug");
  // Off: no exporter, but spans still have trace ids for the log lines to carry.
  startTracing("apfa-test", { tracesUrl: null });
});
afterAll(async () => {
  setLogLevel(level);
  await shutdownTracing();
});
beforeEach(() => void (capture = captureConsole()));
afterEach(() => capture.stop());

/** A question no other line could contain by chance. */
const distinctive = () => `Should I borrow for my zebra-${randomUUID()} farm over 36 months?`;
const marker = (question: string) => question.match(/zebra-[0-9a-f-]+/)![0];

const jsonLines = () =>
  capture.lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);

describe("advice request logs", () => {
  it("name the request, the user, the release and the trace, in JSON, without the question", async () => {
    const [user] = await getDb()
      .insert(users)
      .values({ email: `logs-${randomUUID()}@test.local`, name: "Logged Borrower", role: "borrower" })
      .returning();
    const question = distinctive();
    const result = await runAdvice({ question, channel: "chat", userId: user!.id, requestId: "logs-req-1" });
    expect(result.status).toBe("ok");

    const finished = jsonLines().find((line) => line.msg === "advice request finished");
    const [row] = await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, result.adviceId));
    expect(finished).toMatchObject({
      level: "info",
      scope: "apfa:advice",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      adviceId: result.adviceId,
      requestId: "logs-req-1",
      userId: user!.id,
      release: result.release,
      traceId: row!.traceId,
      status: "ok",
    });
    expect(capture.lines.join("\n")).not.toContain(marker(question));
    // The stored request is where the question lives.
    expect(row!.query).toBe(question);
  });

  it("leave the question out when the request fails", async () => {
    const live = await getLiveIndex();
    const original = live.manifest.embedderVersion;
    live.manifest.embedderVersion = "minilm-l6-v2@000000000000";
    const question = distinctive();
    try {
      const { result, messages } = await expectConsoleError(/advice request failed/, () =>
        runAdvice({ question, channel: "api", externalUserId: "logs" }),
      );
      expect(result.status).toBe("error");
      expect(messages.join("\n")).toContain(result.adviceId);
    } finally {
      live.manifest.embedderVersion = original;
    }
    expect(capture.lines.join("\n")).not.toContain(marker(question));
  });

  it("leave the question out of the record logged when the request cannot be stored, and say how long it was", async () => {
    const question = distinctive();
    // PostgreSQL refuses a conversation id that is not a UUID: the whole statement, parameters
    // and all, comes back in the database error.
    const { result, messages } = await expectConsoleError(/advice request could not be stored/, () =>
      runAdvice({ question, channel: "api", externalUserId: "logs", conversationId: "not-a-uuid" }),
    );
    expect(result.status).toBe("error");
    const line = JSON.parse(messages[0]!) as { record: Record<string, unknown>; error: { message: string } };
    expect(line.record).toMatchObject({ id: result.adviceId, questionChars: question.length });
    expect(line.record).not.toHaveProperty("query");
    expect(line.error.message).toMatch(/^Failed query: insert into "advice_requests"/);
    expect(capture.lines.join("\n")).not.toContain(marker(question));
  });
});
