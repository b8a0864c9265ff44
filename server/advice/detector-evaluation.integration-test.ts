import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { refusal } from "@/test/trpc";
import { registerBiasPolicy, testRelease } from "@/test/releases";
import { DEFAULT_BIAS_POLICY, evaluateOnLabelledSet, LEXICAL_V1_POLICY } from "../bias";
// eslint-disable-next-line apfa/domain-faces -- as test/trpc.ts: the api face loads next-auth
import { createCaller } from "../api/root";
import { aliasedRelease, componentsOf, PRODUCTION } from "../registry";
import { detectorEvaluation } from ".";

/**
 * The labelled-set measurement of a release's detector, with the policies read from the real
 * registry: production's (registered at start from DEFAULT_BIAS_POLICY) and a release pinned to a
 * policy written before v2, which must still be measured with v1.
 */
describe("detectorEvaluation", () => {
  it("measures production's pinned policy on the shipped set, the same figures as the pure evaluation", async () => {
    const production = (await aliasedRelease(PRODUCTION))!;
    const result = await detectorEvaluation();
    expect(result).toMatchObject({
      release: production.version,
      policyVersion: componentsOf(production).biasPolicy,
      detector: "contextual-v2",
      setVersion: "v1",
    });
    expect(result).toEqual({
      release: production.version,
      policyVersion: componentsOf(production).biasPolicy,
      ...evaluateOnLabelledSet(DEFAULT_BIAS_POLICY),
    });
  });

  it("measures a release pinned to a pre-v2 policy with the v1 detector", async () => {
    // The document as 1.0.0 was registered: threshold and weights, no detector named.
    expect(Object.keys(LEXICAL_V1_POLICY)).toEqual(["threshold", "weights"]);
    const release = await testRelease({ biasPolicy: await registerBiasPolicy(LEXICAL_V1_POLICY) });
    const result = await detectorEvaluation({ release });
    expect(result).toEqual({
      release,
      policyVersion: expect.stringMatching(/^policy-test-\d+@1\.0\.0$/),
      ...evaluateOnLabelledSet(LEXICAL_V1_POLICY),
    });
    expect(result.detector).toBe("lexical-v1");
    expect(result.precision!).toBeLessThan((await detectorEvaluation()).precision!);
  });

  it("names the field of a release that does not exist, in the procedure and the CLI", async () => {
    await expect(detectorEvaluation({ release: "99.98.97-none" })).rejects.toThrow(
      "release: there is no release 99.98.97-none",
    );
    const ml = { id: randomUUID(), email: "ml@detector-eval.test", name: "ML", role: "ml_engineer" as const };
    const asMl = createCaller({ user: ml, partner: null });
    expect(await refusal(asMl.bias.detectorEval({ release: "" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("release: name a release"),
    });
    expect(await asMl.bias.detectorEval()).toMatchObject({ detector: "contextual-v2", setVersion: "v1" });
    const missing = await cli("bias", "detector-eval", "--release", "99.98.97-none");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("release: there is no release 99.98.97-none");
  });

  it("bias detector-eval --json prints {precision, recall, f1, tp, fp, fn, tn, n, setVersion, policyVersion}", async () => {
    const expected = await detectorEvaluation();
    const json = await cli("bias", "detector-eval", "--json");
    expect(json.stderr).toBe("");
    const printed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual([
      "precision",
      "recall",
      "f1",
      "tp",
      "fp",
      "fn",
      "tn",
      "n",
      "setVersion",
      "policyVersion",
    ]);
    expect(printed).toEqual({
      precision: expected.precision,
      recall: expected.recall,
      f1: expected.f1,
      tp: expected.tp,
      fp: expected.fp,
      fn: expected.fn,
      tn: expected.tn,
      n: expected.n,
      setVersion: "v1",
      policyVersion: expected.policyVersion,
    });
    const text = await cli("bias", "detector-eval");
    expect(text.stdout).toContain(`detector contextual-v2 (${expected.policyVersion} of release ${expected.release}`);
    expect(text.stdout).toContain(`tp ${expected.tp}  fp ${expected.fp}  fn ${expected.fn}  tn ${expected.tn}`);
    expect(text.stdout).toContain(`held out, round ${expected.heldOut.round}`);
  });
});
