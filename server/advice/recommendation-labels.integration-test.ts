import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { startOpenAiServer, type OpenAiTestServer } from "@/test/openai-server";
import { moveProduction, registerOpenAiAnalyzer, testRelease } from "@/test/releases";
import { users } from "../auth";
import { getDb } from "../db";
import { saveSelfDeclared, SELF_DECLARED_OPTIONS } from "../demographics";
import { loadProduction } from "../serving";
import { storeAdviceRecord } from "./record-writer";
import { adviceRequests } from "./tables";
import { releaseOfAdvice, runAdvice } from ".";

/**
 * Every stored answer carries its label (recommendation, quoted amounts and rates), written by
 * the real record writer on real PostgreSQL, for the chat and the partner API alike; and the
 * borrower's self-declared attributes never reach the analyzer.
 */

const ANSWER =
  "I would not recommend applying for this $10,000 loan: at 24% APR with a DTI of 45% the payment is too high.";

let server: OpenAiTestServer;
let previous: string;

async function borrower() {
  const [user] = await getDb()
    .insert(users)
    .values({ email: `labels-${randomUUID()}@test.local`, name: "Label Borrower", role: "borrower" })
    .returning();
  return user!;
}

const stored = async (id: string) => (await getDb().select().from(adviceRequests).where(eq(adviceRequests.id, id)))[0]!;

beforeAll(async () => {
  await indexWith(Array.from({ length: 8 }, () => uniqueLoan({ home_ownership: "RENT" })));
  server = await startOpenAiServer(() => ANSWER.split(/(?<= )/));
  previous = await moveProduction(await testRelease({ analyzer: await registerOpenAiAnalyzer(server.baseUrl) }));
  await loadProduction();
});

afterAll(async () => {
  await moveProduction(previous);
  await loadProduction();
  await server.close();
});

describe("recommendation labels", () => {
  it("are stored with a chat answer, returned with it, and readable where requests are read", async () => {
    const user = await borrower();
    const result = await runAdvice({
      question: "Should I borrow $10,000 over 36 months?",
      channel: "chat",
      userId: user.id,
    });

    expect(result.status).toBe("ok");
    expect(result.label).toEqual({ recommendation: "decline", amounts: [10_000], rates: [24] });
    expect(await stored(result.adviceId)).toMatchObject({
      recommendation: "decline",
      quotedAmounts: [10_000],
      quotedRates: [24],
    });
    expect(await releaseOfAdvice(result.adviceId)).toMatchObject({
      recommendation: "decline",
      quotedAmounts: [10_000],
      quotedRates: [24],
    });
  });

  it("are stored with a partner API answer", async () => {
    const result = await runAdvice({
      question: "Should my customer borrow $10,000?",
      channel: "api",
      externalUserId: `partner-user-${randomUUID()}`,
    });
    expect(await stored(result.adviceId)).toMatchObject({
      channel: "api",
      recommendation: "decline",
      quotedAmounts: [10_000],
      quotedRates: [24],
    });
  });

  it("are worked out by the record writer for a record stored without one", async () => {
    const id = randomUUID();
    await storeAdviceRecord({
      id,
      channel: "api",
      externalUserId: `writer-${randomUUID()}`,
      conversationId: randomUUID(),
      query: "How much can I borrow?",
      status: "ok",
      advice: "You are likely to qualify for $8,000 at a rate of 9.5%; your utilization of 30% is fine.",
      versions: {},
      timings: {},
    });
    expect(await stored(id)).toMatchObject({ recommendation: "proceed", quotedAmounts: [8_000], quotedRates: [9.5] });
  });

  it("come from an analyzer that never sees the borrower's self-declared attributes", async () => {
    const user = await borrower();
    const declared = {
      sex: "female",
      ethnicity: "hispanic_or_latino",
      race: "black_or_african_american",
      ageBand: "65_74",
      maritalStatus: "separated",
    };
    await saveSelfDeclared(user.id, declared);
    const before = server.requests.length;
    const question = "Should I borrow $10,000 over 36 months?";
    await runAdvice({ question, channel: "chat", userId: user.id });

    const seen = server.requests.slice(before);
    expect(seen).toHaveLength(1);
    const sent = `${seen[0]!.system}\n${seen[0]!.user}`.toLowerCase();
    expect(sent).toContain("$10,000");
    // Neither the stored values nor their words ("Female", "Separated", "65–74", …) were sent.
    const words = Object.entries(declared).flatMap(([attribute, value]) => [
      value.replace(/_/g, " "),
      value,
      (SELF_DECLARED_OPTIONS[attribute as keyof typeof SELF_DECLARED_OPTIONS] as Record<string, string>)[value]!,
    ]);
    for (const word of words) expect(sent, word).not.toContain(word.toLowerCase());
  });
});
