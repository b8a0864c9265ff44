import { randomInt, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { testRelease } from "@/test/releases";
import { auditLog } from "../audit";
import { getDb } from "../db";
import { changeStatus, createExperiment, getExperiment, stickyVariant } from "../experiments";
import { aliasedRelease, PRODUCTION } from "../registry";
import { enforceGuardrails, experimentResults } from ".";
import { storeAdviceRecord, type AdviceRecord } from "./record-writer";

/** Results and guardrails over stored requests, as the worker and the console read them. */

let control = "";
let treatment = "";
const by = { actor: "mia.ml@test", reason: "live comparison" };

beforeAll(async () => {
  await indexWith();
  control = (await aliasedRelease(PRODUCTION))!.version;
  treatment = await testRelease();
});

/** `users` users of one arm, one request each: `flagged` of them flagged for bias, the given latencies and ratings. */
async function served(
  key: string,
  variant: number,
  users: number,
  flagged: number,
  latency: (i: number) => number,
  rating?: (i: number) => number,
) {
  const records: AdviceRecord[] = [];
  for (let i = 0; i < users; i++) {
    const userId = `${key}-${variant}-${i}`;
    await stickyVariant(key, userId, variant);
    records.push({
      id: randomUUID(),
      channel: "api",
      externalUserId: userId,
      conversationId: randomUUID(),
      query: "Should I borrow $5,000?",
      status: "ok",
      advice: "…",
      sources: [],
      biasScore: i < flagged ? 0.5 : 0,
      biasFlagged: i < flagged,
      biasReasons: [],
      release: [control, treatment][variant]!,
      experiment: key,
      variant,
      versions: {},
      timings: { totalMs: latency(i) },
      rating: rating ? rating(i) : null,
      error: null,
    });
  }
  await Promise.all(records.map(storeAdviceRecord));
}

describe("experiment results", () => {
  it("sums each arm in PostgreSQL and reads latency, p95 and the sample ratio from it", async () => {
    const key = `results-${randomInt(1_000, 1_000_000_000)}`;
    await createExperiment({ key, variants: [control, treatment] }, "t");
    // Latencies 1..100 ms: mean 50.5; percentile_cont(0.95) interpolates 95 + 0.05·(96 − 95) = 95.05.
    await served(
      key,
      0,
      100,
      0,
      (i) => i + 1,
      (i) => (i % 5) + 1,
    );
    await served(
      key,
      1,
      100,
      0,
      (i) => 2 * (i + 1),
      (i) => (i % 5) + 1,
    );
    const results = await experimentResults(key);
    expect(results.arms.map((a) => [a.users, a.requests])).toEqual([
      [100, 100],
      [100, 100],
    ]);
    expect(results.arms[0]!.meanLatencyMs).toBeCloseTo(50.5, 9);
    expect(results.arms[0]!.p95LatencyMs).toBeCloseTo(95.05, 9);
    expect(results.arms[1]!.p95LatencyMs).toBeCloseTo(190.1, 9);
    expect(results.analysis.srm.status).toBe("ok");
    const latency = results.analysis.metrics.find((m) => m.name === "latency")!;
    // Treatment doubles every latency: a lift of exactly +100 %.
    expect(latency.vsControl[0]).toMatchObject({ status: "ok", lift: expect.closeTo(1, 9) });
    const satisfaction = results.analysis.metrics.find((m) => m.name === "satisfaction")!;
    // Ratings 1..5 repeated twenty times in both arms: mean 3, no lift.
    expect(satisfaction.perArm[0]).toMatchObject({ status: "ok", mean: 3 });
    expect(satisfaction.vsControl[0]).toMatchObject({ status: "ok", lift: 0 });
  });
});

describe("fairness guardrails", () => {
  it("stop an experiment whose arm is flagged for bias significantly more than control, and say why in the ledger", async () => {
    const key = `guardrail-${randomInt(1_000, 1_000_000_000)}`;
    await createExperiment({ key, variants: [control, treatment] }, "t");
    await changeStatus(key, "start", by);
    await served(key, 0, 300, 9, () => 10); // 3 %
    await served(key, 1, 300, 45, () => 10); // 15 %
    expect(await enforceGuardrails()).toContain(key);
    const stopped = await getExperiment(key);
    expect(stopped.status).toBe("stopped");
    expect(stopped.stopReason).toMatch(/^guardrail breached — bias_flag_rate, arm 1 \(/);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, key), eq(auditLog.action, "experiment.stop")));
    expect(entry).toMatchObject({ actor: "guardrail", details: { breachedArms: [1] } });
  });

  it("leave an experiment whose arms are flagged alike running", async () => {
    const key = `guardrail-aa-${randomInt(1_000, 1_000_000_000)}`;
    await createExperiment({ key, variants: [control, treatment] }, "t");
    await changeStatus(key, "start", by);
    await served(key, 0, 300, 9, () => 10);
    await served(key, 1, 300, 9, () => 10);
    expect(await enforceGuardrails()).not.toContain(key);
    expect((await getExperiment(key)).status).toBe("running");
    await changeStatus(key, "stop", { ...by, reason: "test over" });
  });
});
