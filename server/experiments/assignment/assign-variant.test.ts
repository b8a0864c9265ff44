import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { assignVariant, hash, type AssignmentSettings } from ".";

/**
 * The product's entry point. Expected buckets come from GrowthBook's published hash cases
 * (growthbook-cases.json): hash("seed", "b", 2) = 0.2696, hash("b", "a", 1) = 0.946.
 */

const userIds = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

function assignAll(settings: AssignmentSettings) {
  return userIds.map((userId) => assignVariant(settings, userId));
}

describe("assignVariant", () => {
  it("hashes with the key as seed and hash version 2 by default", () => {
    expect(assignVariant({ key: "seed", variants: 4 }, "b")).toEqual({
      variant: 1,
      bucket: 0.2696,
      inExperiment: true,
    });
  });

  it("hashes with the seed and version given", () => {
    expect(assignVariant({ key: "checkout", seed: "seed", variants: 4 }, "b")).toMatchObject({ bucket: 0.2696 });
    expect(assignVariant({ key: "checkout", seed: "b", hashVersion: 1, variants: 2 }, "a")).toEqual({
      variant: 1,
      bucket: 0.946,
      inExperiment: true,
    });
  });

  it("takes an empty seed for the key, as the SDKs do", () => {
    expect(assignVariant({ key: "seed", seed: "", variants: 4 }, "b")).toMatchObject({ bucket: 0.2696 });
  });

  it("takes the arms themselves as well as their count", () => {
    const settings = { key: "releases", weights: [0.2, 0.3, 0.5] };
    expect(assignAll({ ...settings, variants: ["1.0.0", "1.1.0", "1.2.0"] })).toEqual(
      assignAll({ ...settings, variants: 3 }),
    );
  });

  it("splits by the weights", () => {
    const arms = assignAll({ key: "split", variants: 2, weights: [0.1, 0.9] }).map((a) => a.variant);
    const control = arms.filter((arm) => arm === 0).length / arms.length;
    // 10,000 users: the share of control is 0.1 give or take three standard errors (0.009).
    expect(control).toBeGreaterThan(0.091);
    expect(control).toBeLessThan(0.109);
  });

  it("never moves a user to another arm when the coverage changes", () => {
    for (const weights of [undefined, [0.2, 0.3, 0.5]]) {
      const byCoverage = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1].map((coverage) =>
        assignAll({ key: "coverage", variants: 3, weights, coverage }),
      );
      const everyone = byCoverage.at(-1)!;
      expect(everyone.every((a) => a.inExperiment)).toBe(true);
      // A user in at any coverage is in the arm they are in at full coverage; a user out gets control.
      const moved = byCoverage.flatMap((assignments) =>
        assignments.filter((a, i) => a.variant !== (a.inExperiment ? everyone[i]!.variant : 0)),
      );
      expect(moved).toEqual([]);
      // Each step up in coverage keeps everyone already in, and takes more in.
      for (let step = 1; step < byCoverage.length; step++) {
        const before = byCoverage[step - 1]!;
        const after = byCoverage[step]!;
        expect(before.filter((a, i) => a.inExperiment && !after[i]!.inExperiment)).toEqual([]);
        expect(after.filter((a) => a.inExperiment).length).toBeGreaterThan(before.filter((a) => a.inExperiment).length);
      }
    }
  });

  it("gives control, out of the experiment, to a user outside the coverage", () => {
    const halfCovered = assignAll({ key: "coverage", variants: 2, coverage: 0.5 });
    const out = halfCovered.filter((a) => !a.inExperiment);
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((a) => a.variant === 0)).toBe(true);
    // Arm 0 covers [0, 0.25) and arm 1 [0.5, 0.75): the users out are those in neither.
    expect(out.every((a) => (a.bucket! >= 0.25 && a.bucket! < 0.5) || a.bucket! >= 0.75)).toBe(true);
  });

  it("clamps the coverage into [0, 1]", () => {
    expect(assignAll({ key: "clamp", variants: 2, coverage: 1.5 })).toEqual(assignAll({ key: "clamp", variants: 2 }));
    expect(assignAll({ key: "clamp", variants: 2, coverage: -0.2 }).some((a) => a.inExperiment)).toBe(false);
  });

  it("falls back to equal weights when the weights do not sum to 1 or miss an arm", () => {
    const equal = assignAll({ key: "weights", variants: 3 });
    expect(assignAll({ key: "weights", variants: 3, weights: [0.4, 0.1, 0.1] })).toEqual(equal);
    expect(assignAll({ key: "weights", variants: 3, weights: [0.7, 0.6, 0.1] })).toEqual(equal);
    expect(assignAll({ key: "weights", variants: 3, weights: [0.5, 0.5] })).toEqual(equal);
    // Within 0.01 of 1, the weights stand.
    expect(assignAll({ key: "weights", variants: 3, weights: [0.8, 0.1, 0.095] })).not.toEqual(equal);
  });

  it("leaves out a user outside the namespace (GrowthBook's inNamespace cases for user 1)", () => {
    const settings = { key: "namespaced", variants: 2 };
    expect(assignVariant({ ...settings, namespace: ["namespace1", 0, 0.4] }, "1")).toEqual({
      variant: 0,
      bucket: hash("namespaced", "1", 2),
      inExperiment: false,
    });
    expect(assignVariant({ ...settings, namespace: ["namespace1", 0.4, 1] }, "1")).toEqual(
      assignVariant(settings, "1"),
    );
  });

  it("keeps experiments on disjoint ranges of a namespace apart", () => {
    const first = assignAll({ key: "first", variants: 2, namespace: ["loans", 0, 0.5] });
    const second = assignAll({ key: "second", variants: 2, namespace: ["loans", 0.5, 1] });
    expect(first.filter((a, i) => a.inExperiment && second[i]!.inExperiment)).toEqual([]);
    expect(first.filter((a, i) => a.inExperiment || second[i]!.inExperiment)).toHaveLength(userIds.length);
  });

  it("leaves everyone out, hashing nothing, for an unknown hash version or an empty user id", () => {
    expect(assignVariant({ key: "k", variants: 2, hashVersion: 3 }, "u")).toEqual({
      variant: 0,
      bucket: null,
      inExperiment: false,
    });
    expect(assignVariant({ key: "k", variants: 2 }, "")).toEqual({ variant: 0, bucket: null, inExperiment: false });
  });

  it("leaves everyone out of an experiment with fewer than two arms", () => {
    expect(assignAll({ key: "k", variants: 1 }).some((a) => a.inExperiment)).toBe(false);
  });

  it.each([
    ["key", { key: "", variants: 2 }],
    ["variants", { key: "k", variants: 1.5 }],
    ["variants", { key: "k", variants: -2 }],
    ["coverage", { key: "k", variants: 2, coverage: Number.NaN }],
    ["weights", { key: "k", variants: 2, weights: [0.5, Number.NaN] }],
    ["hashVersion", { key: "k", variants: 2, hashVersion: Number.POSITIVE_INFINITY }],
    ["namespace", { key: "k", variants: 2, namespace: ["n", 0, Number.NaN] as const }],
  ] as const)("refuses a bad %s, naming it", (field, settings) => {
    const refusal = (() => {
      try {
        assignVariant(settings, "u");
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "bad_request", details: { field } });
    expect((refusal as AppError).message).toMatch(new RegExp(`^${field}: `));
  });
});
