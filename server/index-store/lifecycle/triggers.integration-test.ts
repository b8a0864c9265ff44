import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { getDb } from "../../db";
import { adviceRequests } from "../../advice";
import { activeIndexVersion } from "../versions";
import { ANN_THRESHOLDS, annTriggers } from "./triggers";

/** The ANN migration triggers, from the active index and the stored timings of recent requests. */

beforeAll(async () => {
  await indexWith();
});

function request(searchMs: number, totalMs: number, minutesAgo = 0) {
  return {
    id: randomUUID(),
    channel: "api" as const,
    externalUserId: "triggers-test",
    conversationId: randomUUID(),
    query: "trigger probe",
    status: "ok" as const,
    versions: {},
    timings: { searchMs, totalMs },
    createdAt: new Date(Date.now() - minutesAgo * 60_000),
  };
}

it("recommends an HNSW build when searches are slow and take most of the request", async () => {
  await getDb()
    .delete(adviceRequests)
    .where(sql`timings ? 'searchMs'`);
  // An hour and more ago: not counted.
  await getDb()
    .insert(adviceRequests)
    .values([request(5_000, 5_100, 90)]);
  let triggers = await annTriggers();
  expect(triggers.checks.find((c) => c.name === "searchP95Ms")).toMatchObject({ value: null, exceeded: false });
  expect(triggers.recommendation).toBeNull();

  await getDb()
    .insert(adviceRequests)
    .values([
      ...Array.from({ length: 17 }, () => request(20, 200)),
      ...Array.from({ length: 3 }, () => request(400, 500)),
    ]);
  triggers = await annTriggers();
  const active = (await activeIndexVersion())!;
  expect(triggers.activeKind).toBe("exact");
  expect(triggers.checks).toEqual([
    expect.objectContaining({
      name: "vectors",
      value: active.vectors,
      threshold: ANN_THRESHOLDS.vectors,
      exceeded: false,
    }),
    expect.objectContaining({ name: "searchP95Ms", value: 400, exceeded: true }),
    expect.objectContaining({ name: "searchShare", value: (17 * 20 + 3 * 400) / (17 * 200 + 3 * 500), exceeded: true }),
    expect.objectContaining({ name: "memoryBytes", value: active.manifest.memoryBytes, exceeded: false }),
  ]);
  expect(triggers.recommendation).toBe(
    "Build an HNSW index: search p95 (ms), last hour and search share of request time, last hour are over the threshold.",
  );
});
