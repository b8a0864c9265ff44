import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { testRelease } from "@/test/releases";
import { auditLog } from "../audit";
import { getDb } from "../db";
import { aliasedRelease, PRODUCTION } from "../registry";
import { changeStatus, createExperiment, getExperiment, stickyVariant, updateWeights } from ".";
import { experimentAssignments } from "./tables";

const key = (prefix: string) => `${prefix}-${randomInt(1_000, 1_000_000_000)}`;
const by = { actor: "mia.ml@test", reason: "compare the prompts" };
let control = "";
let treatment = "";

beforeAll(async () => {
  await indexWith();
  control = (await aliasedRelease(PRODUCTION))!.version;
  treatment = await testRelease();
});

describe("creating experiments", () => {
  it("stores a draft with equal weights, the key as seed and hash version 2, and its ledger entry", async () => {
    const k = key("prompt-test");
    const row = await createExperiment(
      { key: k, variants: [control, treatment], hypothesis: "shorter is clearer" },
      "mia",
    );
    expect(row).toMatchObject({ status: "draft", weights: [0.5, 0.5], coverage: 1, seed: k, hashVersion: 2 });
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, k), eq(auditLog.action, "experiment.create")));
    expect(entry?.actor).toBe("mia");
  });

  it("names the field that is wrong and stores nothing", async () => {
    const k = key("bad");
    const cases: [object, RegExp][] = [
      [{ variants: [control, treatment], weights: [0.5, 0.3, 0.2] }, /^weights: has 3 weights for 2 variants/],
      [{ variants: [control, treatment], weights: [0.7, 0.7] }, /^weights: must add up to 1/],
      [{ variants: [control, treatment], coverage: 1.5 }, /^coverage: must be from 0 to 1/],
      [{ variants: [control, "999.0.0"] }, /^variants\.1: there is no release 999\.0\.0/],
      [{ variants: [control] }, /^variants: needs at least two releases/],
      [{ variants: [control, treatment], hashVersion: 3 }, /^hashVersion: must be 1 or 2/],
    ];
    for (const [input, message] of cases) {
      await expect(createExperiment({ key: k, ...input } as never, "t")).rejects.toThrow(message);
    }
    await expect(getExperiment(k)).rejects.toThrow(`there is no experiment ${k}`);
  });
});

describe("starting and stopping", () => {
  it("starts a draft, stops it, and never starts a stopped one again", async () => {
    const k = key("lifecycle");
    await createExperiment({ key: k, variants: [control, treatment] }, "t");
    expect((await changeStatus(k, "start", by)).status).toBe("running");
    expect((await changeStatus(k, "stop", { ...by, reason: "enough data" })).stopReason).toBe("enough data");
    await expect(changeStatus(k, "start", by)).rejects.toThrow(
      `experiment ${k} is stopped; only a draft experiment can be started`,
    );
    const actions = (await getDb().select().from(auditLog).where(eq(auditLog.target, k))).map((e) => e.action);
    expect(actions).toEqual(["experiment.create", "experiment.start", "experiment.stop"]);
  });

  it("refuses to start an experiment whose namespace slice overlaps a running one's", async () => {
    const namespace = key("ns");
    const [a, b, c] = [key("ns-a"), key("ns-b"), key("ns-c")];
    await createExperiment(
      { key: a, variants: [control, treatment], namespace: { id: namespace, start: 0, end: 0.5 } },
      "t",
    );
    await createExperiment(
      { key: b, variants: [control, treatment], namespace: { id: namespace, start: 0.4, end: 1 } },
      "t",
    );
    await createExperiment(
      { key: c, variants: [control, treatment], namespace: { id: namespace, start: 0.5, end: 1 } },
      "t",
    );
    await changeStatus(a, "start", by);
    await expect(changeStatus(b, "start", by)).rejects.toThrow(
      `namespace: ${namespace} [0.4, 1) overlaps running experiment ${a} [0, 0.5)`,
    );
    await expect(changeStatus(c, "start", by)).resolves.toMatchObject({ status: "running" });
    for (const k of [a, c]) await changeStatus(k, "stop", { ...by, reason: "test over" });
  });
});

describe("sticky assignment", () => {
  it("keeps the first arm a user was served, logs the exposure once, and agrees under concurrent first requests", async () => {
    const k = key("sticky");
    await createExperiment({ key: k, variants: [control, treatment] }, "t");
    expect(await stickyVariant(k, "user-1", 1)).toBe(1);
    // The weights changed since: the assignment computed now says control, the stored arm wins.
    expect(await stickyVariant(k, "user-1", 0)).toBe(1);
    const concurrent = await Promise.all([0, 1, 0, 1].map((variant) => stickyVariant(k, "user-2", variant)));
    expect(new Set(concurrent).size).toBe(1);
    const rows = await getDb().select().from(experimentAssignments).where(eq(experimentAssignments.experiment, k));
    expect(rows.map((r) => r.userId).sort()).toEqual(["user-1", "user-2"]);
  });
});

describe("changing weights", () => {
  it("stores a valid split with its ledger entry, and refuses a bad one naming what is wrong, storing nothing", async () => {
    const k = key("weights");
    await createExperiment({ key: k, variants: [control, treatment] }, "t");
    const cases: [number[], string, RegExp][] = [
      [[0.5, 0.3, 0.2], "too many", /^weights: has 3 weights for 2 variants/],
      [[0.7, 0.7], "too much", /^weights: must add up to 1 \(±0\.01\)/],
      [[1.5, -0.5], "out of range", /^weights\.0: each must be from 0 to 1; weights\.1: each must be from 0 to 1/],
      [[1], "one arm", /^weights: needs one weight per variant, at least 2/],
      [[0.1, 0.9], "", /^--reason: say why/],
    ];
    for (const [weights, reason, message] of cases)
      await expect(updateWeights(k, weights, { actor: "mia", reason })).rejects.toThrow(message);
    await expect(updateWeights(key("missing"), [0.1, 0.9], by)).rejects.toThrow(/^there is no experiment/);
    expect((await getExperiment(k)).weights).toEqual([0.5, 0.5]);
    const weightEntries = () =>
      getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.target, k), eq(auditLog.action, "experiment.weights")));
    expect(await weightEntries()).toEqual([]);

    expect((await updateWeights(k, [0.1, 0.9], { actor: "mia", reason: "ramp up the treatment" })).weights).toEqual([
      0.1, 0.9,
    ]);
    expect(await weightEntries()).toMatchObject([
      { actor: "mia", reason: "ramp up the treatment", details: { from: [0.5, 0.5], to: [0.1, 0.9] } },
    ]);

    await changeStatus(k, "start", by);
    await changeStatus(k, "stop", { ...by, reason: "test over" });
    await expect(updateWeights(k, [0.5, 0.5], by)).rejects.toThrow(/is stopped; only a draft or running experiment/);
    expect((await getExperiment(k)).weights).toEqual([0.1, 0.9]);
  });
});
