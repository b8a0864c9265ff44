import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { getDb } from "../db";
import { adviceRequests } from "./tables";
import { storeAdviceRecord, type AdviceRecord } from "./record-writer";

function record(externalUserId: string, conversationId: string = randomUUID()): AdviceRecord {
  return {
    id: randomUUID(),
    channel: "api",
    externalUserId,
    conversationId,
    query: "Is 60 months too long?",
    status: "ok",
    versions: {},
    timings: {},
  };
}

it("commits records stored in the same turn together, and one bad row costs the others nothing", async () => {
  const owner = `group-commit-${randomUUID()}`;
  // PostgreSQL refuses the whole multi-row INSERT because of the second record's conversation id.
  const records = [record(owner), record(owner, "not-a-uuid"), record(owner), record(owner)];
  const outcomes = await Promise.allSettled(records.map(storeAdviceRecord));

  expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
  const stored = await getDb()
    .select({ id: adviceRequests.id })
    .from(adviceRequests)
    .where(eq(adviceRequests.externalUserId, owner));
  expect(stored.map((row) => row.id).sort()).toEqual([records[0]!.id, records[2]!.id, records[3]!.id].sort());
});
