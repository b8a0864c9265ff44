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
    // These users rated nothing before their exposure.
    expect(satisfaction.cuped).toEqual({ applied: false, reason: "no pre-exposure ratings" });
  });
});

/** A rated request of `userId`'s, outside any experiment or in `experiment`'s arm `variant`. */
function ratedRequest(
  userId: string,
  rating: number,
  feedbackAt: Date,
  arm?: { experiment: string; variant: number; release: string },
): AdviceRecord {
  return {
    id: randomUUID(),
    channel: "api",
    externalUserId: userId,
    conversationId: randomUUID(),
    query: "Can I afford a $9,000 car loan?",
    status: "ok",
    advice: "…",
    sources: [],
    biasScore: 0,
    biasFlagged: false,
    biasReasons: [],
    release: arm?.release ?? control,
    experiment: arm?.experiment ?? null,
    variant: arm?.variant ?? null,
    versions: {},
    timings: { totalMs: 100 },
    rating,
    feedbackAt,
    createdAt: new Date(feedbackAt.getTime() - 60_000),
    error: null,
  };
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
/** Sample variance (n − 1), straight from the values. */
const sampleVariance = (values: readonly number[]) => {
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1);
};

describe("CUPED on satisfaction", () => {
  it("adjusts by each user's pre-exposure ratings, narrows the variance, and agrees with a computation from the users' own values", async () => {
    const key = `cuped-${randomInt(1_000, 1_000_000_000)}`;
    await createExperiment({ key, variants: [control, treatment] }, "t");
    const clamp = (rating: number) => Math.min(5, Math.max(1, rating));
    const dayAgo = new Date(Date.now() - 86_400_000);
    const records: AdviceRecord[] = [];
    /** What CUPED should see: each counted user's arm, mean pre-exposure rating x and mean in-experiment rating y. */
    const counted: { arm: number; x: number; y: number }[] = [];
    for (const variant of [0, 1]) {
      const release = [control, treatment][variant]!;
      for (let i = 0; i < 48; i++) {
        const userId = `${key}-${variant}-${i}`;
        // A user's taste (1…5) drives both their earlier and their in-experiment ratings; treatment adds 1.
        const taste = 1 + (i % 5);
        const before = i < 40 ? [clamp(taste + (i % 3) - 1), clamp(taste + ((i + 1) % 3) - 1)] : [];
        for (const rating of before) records.push(ratedRequest(userId, rating, dayAgo));
        await Promise.all(records.splice(0).map(storeAdviceRecord));
        await stickyVariant(key, userId, variant);
        const now = new Date();
        // Users 36…39 rated before but not inside the experiment; 40…47 only inside it: neither counts.
        const during =
          i >= 36 && i < 40 ? [] : [clamp(taste + variant + ((2 * i + variant) % 3) - 1), clamp(taste + variant)];
        for (const rating of during)
          records.push(ratedRequest(userId, rating, now, { experiment: key, variant, release }));
        // A rating given after the exposure, on a request outside the experiment, is not pre-exposure.
        if (i % 4 === 0) records.push(ratedRequest(userId, 1, new Date(now.getTime() + 3_600_000)));
        if (before.length && during.length) counted.push({ arm: variant, x: mean(before), y: mean(during) });
      }
    }
    await Promise.all(records.map(storeAdviceRecord));

    // The independent computation (Deng et al. 2013), from the users' values kept above: θ pooled
    // from the within-arm centred sums; adjusted mean ȳ − θ(x̄_arm − x̄_all); adjusted variance the
    // sample variance of y − θx within the arm.
    const arms = [0, 1].map((arm) => counted.filter((u) => u.arm === arm));
    const centred = arms.map((users) => {
      const mx = mean(users.map((u) => u.x));
      const my = mean(users.map((u) => u.y));
      return {
        sxx: users.reduce((sum, u) => sum + (u.x - mx) ** 2, 0),
        sxy: users.reduce((sum, u) => sum + (u.x - mx) * (u.y - my), 0),
      };
    });
    const theta = (centred[0]!.sxy + centred[1]!.sxy) / (centred[0]!.sxx + centred[1]!.sxx);
    const overallX = mean(counted.map((u) => u.x));
    const expected = arms.map((users) => ({
      users: users.length,
      mean: mean(users.map((u) => u.y)),
      variance: sampleVariance(users.map((u) => u.y)),
      adjustedMean: mean(users.map((u) => u.y)) - theta * (mean(users.map((u) => u.x)) - overallX),
      adjustedVariance: sampleVariance(users.map((u) => u.y - theta * u.x)),
    }));
    expect(expected.map((e) => e.users)).toEqual([36, 36]);

    const { analysis } = await experimentResults(key);
    const cuped = analysis.metrics.find((m) => m.name === "satisfaction")!.cuped;
    expect(cuped?.applied).toBe(true);
    if (!cuped?.applied) return;
    expect(cuped.theta).toBeCloseTo(theta, 9);
    for (const [i, arm] of cuped.arms.entries()) {
      const want = expected[i]!;
      expect(arm.users).toBe(want.users);
      expect(arm.unadjusted.mean).toBeCloseTo(want.mean, 9);
      expect(arm.unadjusted.variance).toBeCloseTo(want.variance, 9);
      expect(arm.adjusted.mean).toBeCloseTo(want.adjustedMean, 9);
      expect(arm.adjusted.variance).toBeCloseTo(want.adjustedVariance, 9);
      expect(arm.adjusted.variance).toBeLessThan(arm.unadjusted.variance);
      expect(arm.varianceReduction).toBeCloseTo(1 - want.adjustedVariance / want.variance, 9);
    }
    expect(cuped.vsControl[0]).toMatchObject({
      status: "ok",
      lift: expect.closeTo(expected[1]!.adjustedMean / expected[0]!.adjustedMean - 1, 9),
    });
    expect(cuped.unadjustedVsControl[0]).toMatchObject({
      status: "ok",
      lift: expect.closeTo(expected[1]!.mean / expected[0]!.mean - 1, 9),
    });
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

  it("count users, not requests: one user's many flagged answers do not stop an arm", async () => {
    const key = `guardrail-user-${randomInt(1_000, 1_000_000_000)}`;
    await createExperiment({ key, variants: [control, treatment] }, "t");
    await changeStatus(key, "start", by);
    await served(key, 0, 300, 9, () => 10); // 3 % of 300 users, one answer each
    await served(key, 1, 299, 9, () => 10);
    // One more treatment user asks 60 questions; 40 answers are flagged.
    const heavy = `${key}-1-heavy`;
    await stickyVariant(key, heavy, 1);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        storeAdviceRecord({
          id: randomUUID(),
          channel: "api",
          externalUserId: heavy,
          conversationId: randomUUID(),
          query: "And if I borrow more?",
          status: "ok",
          advice: "…",
          sources: [],
          biasScore: i < 40 ? 0.5 : 0,
          biasFlagged: i < 40,
          biasReasons: [],
          release: treatment,
          experiment: key,
          variant: 1,
          versions: {},
          timings: { totalMs: 10 },
          error: null,
        }),
      ),
    );
    // Per answer, 49/359 = 13.6 % against 9/300 = 3 % is a pooled z = 4.81 (p = 7.7e-7): a breach.
    // Per user (scipy, from the 300 users' (flags, answers) pairs; see guardrail.test.ts for the
    // formula): z = 1.18546491424019, p = 0.11791683949706838 — the excess is one person.
    expect(await enforceGuardrails()).not.toContain(key);
    const { analysis } = await experimentResults(key);
    const arm = analysis.guardrails.find((g) => g.name === "bias_flag_rate")!.arms[0]!;
    expect(arm).toMatchObject({ breached: false, controlRate: 0.03, treatmentRate: expect.closeTo(49 / 359, 12) });
    expect(arm.pValue).toBeCloseTo(0.11791683949706838, 9);
    expect(arm.reason).toContain("(49/359 over 300 users)");
    expect((await getExperiment(key)).status).toBe("running");
    await changeStatus(key, "stop", { ...by, reason: "test over" });
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
