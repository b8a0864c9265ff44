import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { registerPrompt, testRelease } from "@/test/releases";
import { assignVariant, changeStatus, createExperiment } from "../experiments";
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
