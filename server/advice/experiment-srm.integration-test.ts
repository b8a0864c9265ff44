import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { testRelease } from "@/test/releases";
import {
  changeStatus,
  createExperiment,
  exposuresPerWeightEpoch,
  getExperiment,
  stickyVariant,
  updateWeights,
} from "../experiments";
import { aliasedRelease, PRODUCTION } from "../registry";
import { experimentResults } from ".";

/**
 * The sample-ratio check after `experiments set-weights`: exposures are sticky, so each user counts
 * against the split in effect when they were exposed (the ledger's weight changes), not today's.
 */

let control = "";
let treatment = "";
const by = { actor: "mia.ml@test", reason: "ramp the treatment up" };

beforeAll(async () => {
  await indexWith();
  control = (await aliasedRelease(PRODUCTION))!.version;
  treatment = await testRelease();
});

/** Exposes `counts[arm]` new users in each arm, as serving's first request of each user would. */
async function expose(key: string, prefix: string, counts: number[]) {
  for (const [variant, count] of counts.entries())
    for (let i = 0; i < count; i++) await stickyVariant(key, `${key}-${prefix}-${variant}-${i}`, variant);
}

/** A running two-arm experiment: 50/50 users under 0.5/0.5, then the weights become 0.1/0.9, then `after`. */
async function rampedExperiment(name: string, after: number[]) {
  const key = `${name}-${randomInt(1_000, 1_000_000_000)}`;
  await createExperiment({ key, variants: [control, treatment] }, "t");
  await changeStatus(key, "start", { ...by, reason: "live comparison" });
  await expose(key, "early", [50, 50]);
  await updateWeights(key, [0.1, 0.9], by);
  await expose(key, "late", after);
  return key;
}

describe("the sample-ratio check after a weight change", () => {
  it("finds nothing wrong when each split's new users follow it: 50/50 under 0.5/0.5, then 10/90 under 0.1/0.9", async () => {
    const key = await rampedExperiment("srm-ramp", [10, 90]);
    expect(await exposuresPerWeightEpoch(await getExperiment(key))).toEqual([
      { weights: [0.5, 0.5], users: [50, 50] },
      { weights: [0.1, 0.9], users: [10, 90] },
    ]);
    const { arms, analysis } = await experimentResults(key);
    expect(arms.map((arm) => arm.users)).toEqual([60, 140]);
    // Each epoch matches its weights exactly: χ² = 0 on 2 degrees of freedom (one per epoch).
    // Against today's 0.1/0.9 alone, 60/140 would be χ² = 40²/20 + 40²/180 = 88.9: an alert.
    expect(analysis.srm).toMatchObject({ status: "ok", chiSquare: 0, degreesOfFreedom: 2, expected: [60, 140] });
    await changeStatus(key, "stop", { ...by, reason: "test over" });
  });

  it("still raises a real mismatch: 50/50 under 0.5/0.5, then 50/50 again under 0.1/0.9", async () => {
    const key = await rampedExperiment("srm-broken", [50, 50]);
    const { analysis } = await experimentResults(key);
    // Epoch 2 expects 10/90: χ² = 40²/10 + 40²/90 = 160 + 17.78 = 177.78 on df = 2 → alert.
    expect(analysis.srm.status).toBe("alert");
    expect(analysis.srm.chiSquare).toBeCloseTo(160 + 1600 / 90, 9);
    expect(analysis.srm.expected).toEqual([60, 140]);
    expect(analysis.srm.reason).toContain("differ from the weights in effect at each exposure");
    await changeStatus(key, "stop", { ...by, reason: "test over" });
  });
});
