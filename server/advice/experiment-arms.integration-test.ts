import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { registerPrompt, testRelease } from "@/test/releases";
import { getDb } from "../db";
import { assignVariant, changeStatus, createExperiment, experimentsChannel, updateWeights } from "../experiments";
import { aliasedRelease, PRODUCTION } from "../registry";
import { refreshExperiments } from "../serving";
import { runAdvice } from ".";

/** Requests answered inside a running experiment: the arm GrowthBook's hashing picks, sticky, recorded. */

const key = `arms-${randomInt(1_000, 1_000_000_000)}`;
const by = { actor: "mia.ml@test", reason: "compare prompts on live traffic" };
let control = "";
let treatment = "";

beforeAll(async () => {
  await indexWith();
  control = (await aliasedRelease(PRODUCTION))!.version;
  treatment = await testRelease({ prompt: await registerPrompt("Answer briefly in {maxTokens} tokens.") });
  await createExperiment({ key, variants: [control, treatment] }, "mia");
  await changeStatus(key, "start", by);
  await refreshExperiments();
});

afterAll(async () => {
  await changeStatus(key, "stop", { ...by, reason: "test over" }).catch(() => undefined);
  await refreshExperiments();
});

describe("serving inside an experiment", () => {
  it("serves each user the arm GrowthBook assigns, records it, and keeps it on the next request", async () => {
    const users = Array.from({ length: 24 }, (_, i) => `partner-user-${i}`);
    const arms = new Map<string, number>();
    for (const userId of users) {
      const result = await runAdvice({ question: "Should I borrow $6,000?", channel: "api", externalUserId: userId });
      const expected = assignVariant({ key, variants: 2 }, userId).variant;
      expect(result.experiment).toEqual({ key, variant: expected });
      expect(result.release).toBe([control, treatment][expected]);
      arms.set(userId, expected);
    }
    // With 24 users both arms are served (a 50/50 split leaves one arm empty with probability 2⁻²³).
    expect(new Set(arms.values())).toEqual(new Set([0, 1]));
    const again = await runAdvice({ question: "And over 60 months?", channel: "api", externalUserId: users[0] });
    expect(again.experiment).toEqual({ key, variant: arms.get(users[0]!) });
  });

  it("serves production with no experiment once it stops, and a request without a user id outside it", async () => {
    const anonymous = await runAdvice({ question: "What affects approval?", channel: "api" });
    expect(anonymous).toMatchObject({ experiment: null, release: control });
    await changeStatus(key, "stop", { ...by, reason: "enough data" });
    await refreshExperiments();
    const after = await runAdvice({
      question: "Should I borrow $6,000?",
      channel: "api",
      externalUserId: "partner-user-1",
    });
    expect(after).toMatchObject({ experiment: null, release: control });
  });
});

describe("changing the weights of a running experiment", () => {
  it("keeps exposed users in their arm, buckets new users with the new split, and logs each exposure once", async () => {
    const k = `weights-${randomInt(1_000, 1_000_000_000)}`;
    await createExperiment({ key: k, variants: [control, treatment] }, "mia");
    await changeStatus(k, "start", by);
    await refreshExperiments();
    const ask = async (userId: string) => {
      const result = await runAdvice({ question: "Should I borrow $6,000?", channel: "api", externalUserId: userId });
      expect(result.experiment?.key).toBe(k);
      return result.experiment!.variant;
    };

    const early = Array.from({ length: 30 }, (_, i) => `${k}-early-${i}`);
    const firstArm = new Map<string, number>();
    for (const userId of early) firstArm.set(userId, await ask(userId));
    for (const userId of early)
      expect(firstArm.get(userId)).toBe(assignVariant({ key: k, variants: 2 }, userId).variant);

    // The change is published; a serving instance re-reads the running experiments on that message.
    const listener = new Redis(process.env.REDIS_URL!);
    const published = new Promise<string>((resolve) =>
      listener.on("message", (_channel, message: string) => resolve(message)),
    );
    await listener.subscribe(experimentsChannel());
    await updateWeights(k, [0.1, 0.9], { actor: "mia", reason: "ramp up the treatment" });
    expect(await published).toBe(k);
    await listener.quit();
    await refreshExperiments();

    const newSplit = (userId: string) => assignVariant({ key: k, variants: 2, weights: [0.1, 0.9] }, userId).variant;
    // Ranges [0, 0.5) [0.5, 1) become [0, 0.1) [0.1, 1): control users hashed into [0.1, 0.5) would
    // now be treatment. Some are (each of the 30 is, with probability 0.4); they stay in control.
    const wouldMove = early.filter((userId) => newSplit(userId) !== firstArm.get(userId));
    expect(wouldMove.length).toBeGreaterThan(0);
    for (const userId of early) expect(await ask(userId)).toBe(firstArm.get(userId));

    const late = Array.from({ length: 30 }, (_, i) => `${k}-late-${i}`);
    for (const userId of late) expect(await ask(userId)).toBe(newSplit(userId));

    // The exposures as stored: one row per user, holding the arm the user was first served.
    const { rows } = await getDb().execute<{ user_id: string; variant: number }>(
      sql`select user_id, variant from experiment_assignments where experiment = ${k}`,
    );
    expect(rows).toHaveLength(early.length + late.length);
    const stored = new Map(rows.map((row) => [row.user_id, row.variant]));
    for (const userId of early) expect(stored.get(userId)).toBe(firstArm.get(userId));
    for (const userId of late) expect(stored.get(userId)).toBe(newSplit(userId));

    await changeStatus(k, "stop", { ...by, reason: "test over" });
    await refreshExperiments();
  });
});
