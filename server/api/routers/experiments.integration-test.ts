import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { moveProduction, registerPrompt, testRelease } from "@/test/releases";
import { refusal } from "@/test/trpc";
import { runAdvice } from "../../advice";
import { getExperiment } from "../../experiments";
import { aliasedRelease, PRODUCTION } from "../../registry";
import { ensureFairnessAudit } from "../../fairness-audits";
import { requestShadowReplayNow } from "../../releases";
import { refreshExperiments } from "../../serving";
import { createCaller } from "../root";

const ml = { id: randomUUID(), email: "ml@experiments-router.test", name: "ML", role: "ml_engineer" as const };
const asMl = createCaller({ user: ml, partner: null });
const admin = { id: randomUUID(), email: "admin@experiments-router.test", name: "Admin", role: "admin" as const };
const asAdmin = createCaller({ user: admin, partner: null });

const key = `router-exp-${randomInt(1_000, 1_000_000_000)}`;
const USERS = 12;
let control = "";
let treatment = "";

const production = async () => (await aliasedRelease(PRODUCTION))!.version;

beforeAll(async () => {
  await indexWith();
  control = await production();
  treatment = await testRelease({ prompt: await registerPrompt("Answer in at most {maxTokens} tokens.") });
});

afterAll(async () => {
  if ((await production()) !== control) await moveProduction(control);
});

describe("experiments.results and experiments.ship", () => {
  it("reads live results, refuses a ship the gates or the approval rule refuse, and an admin ships the arm", async () => {
    await asMl.experiments.create({ key, variants: [control, treatment] });
    await asMl.experiments.start({ key, reason: "router test: a shorter prompt" });
    await refreshExperiments();
    for (let i = 0; i < USERS; i++)
      await runAdvice({ question: "Should I borrow $5,000?", channel: "api", externalUserId: `${key}-user-${i}` });

    const results = await asMl.experiments.results({ key });
    expect(results.experiment).toMatchObject({ key, status: "running" });
    expect(results.stop).toBeNull();
    expect(results.arms.reduce((sum, arm) => sum + arm.users, 0)).toBe(USERS);
    expect(results.exposuresPerDay.reduce((sum, day) => sum + day.users, 0)).toBe(USERS);
    // Every stored request of the experiment was answered without a bias flag by this template analyzer.
    expect(results.arms.filter((arm) => arm.requests > 0).every((arm) => arm.biasFlagRate === 0)).toBe(true);

    // A variant that is no arm: refused naming the range, nothing moves.
    expect(await refusal(asAdmin.experiments.ship({ key, variant: 2, reason: "no such arm" }))).toEqual({
      code: "BAD_REQUEST",
      message: `variant must be an arm of ${key}: 0 to 1, not '2'`,
    });
    // The treatment has had no shadow replay: the gates refuse, and the experiment keeps running.
    expect(await refusal(asAdmin.experiments.ship({ key, variant: 1, reason: "better answers" }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`release ${treatment} cannot be promoted: gate shadow-replay pending`),
    });
    await requestShadowReplayNow(treatment, ml.email);
    await ensureFairnessAudit(treatment, ml.email);
    // An ML engineer moving production needs a second person's approval.
    expect(await refusal(asMl.experiments.ship({ key, variant: 1, reason: "better answers" }))).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("needs a second person's approval"),
    });
    expect(await production()).toBe(control);
    expect(await getExperiment(key)).toMatchObject({ status: "running", shippedVariant: null });

    const shipped = await asAdmin.experiments.ship({ key, variant: 1, reason: "better answers" });
    expect(shipped.promotion).toMatchObject({ release: treatment, previous: control });
    expect(shipped.experiment).toMatchObject({ status: "stopped", shippedVariant: 1 });
    expect(await production()).toBe(treatment);
    const after = await asMl.experiments.results({ key });
    expect(after.stop).toMatchObject({ actor: admin.email, byGuardrail: false, shipped: 1, breachedArms: [] });
    expect(after.stop?.reason).toBe(`shipped arm 1 (${treatment}): better answers`);
  }, 300_000);
});
