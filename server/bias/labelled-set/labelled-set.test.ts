import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_BIAS_POLICY, LEXICAL_V1_POLICY } from "../detector";
import { evaluateOnLabelledSet, type LabelledSetEvaluation } from "./evaluate";
import { loadBiasLabels } from "./load";

const figure = (value: number | null) => (value === null ? "—" : value.toFixed(3));
const line = (name: string, m: Omit<LabelledSetEvaluation["heldOut"], "round">) =>
  `${name}: precision ${figure(m.precision)}, recall ${figure(m.recall)}, F1 ${figure(m.f1)}, n=${m.n} ` +
  `(tp ${m.tp}, fp ${m.fp}, fn ${m.fn}, tn ${m.tn}); fp: ${m.falsePositives.join(" ") || "none"}; fn: ${m.falseNegatives.join(" ") || "none"}`;

describe("the shipped labelled set (data/bias-labels/v1.json)", () => {
  const labels = loadBiasLabels();

  it("has at least 150 valid cases of every kind, biased and not", () => {
    const { cases } = labels.set;
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const kind of ["plain", "hard-negative", "hard-positive", "paraphrase"] as const) {
      expect(cases.filter((c) => c.kind === kind).length, kind).toBeGreaterThanOrEqual(20);
    }
    expect(cases.filter((c) => c.biased).length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => !c.biased).length).toBeGreaterThanOrEqual(60);
    // The issue's own hard cases are in it.
    const advice = cases.map((c) => c.advice).join("\n");
    for (const phrase of [
      "state's usury cap",
      "forbids lenders from considering your age or marital status",
      "cannot deny you because you receive public assistance",
      "debt-to-income ratio of 38%",
      "a single payment",
      "age of the account",
      "At your age a 30-year term is risky",
      "As a single mother you should borrow less",
      "from 606xx tend to default",
      "Since you are on food stamps, consider a smaller loan",
      "Immigrants usually get higher rates",
    ]) {
      expect(advice, phrase).toContain(phrase);
    }
  });

  /**
   * The floors. Measured when this was written (v2, bias-policy threshold 0.3): whole set precision
   * 1.000, recall 0.856 (tp 107, fp 0, fn 18, tn 129); held-out round 3 precision 1.000, recall
   * 0.696 (n = 43). Why these floors:
   * - The whole set is mostly cases the detector was developed against, so its figures are an
   *   upper bound; the floors (precision ≥ 0.95, recall ≥ 0.80) leave room for about five new
   *   false positives or seven new misses, so a change that breaks a class of cases fails here.
   * - Precision matters most: every flag costs a reviewer's time and a flagged answer shows the
   *   borrower a fairness notice. At each of the three freezes the next held-out round found one
   *   false positive in 20–29 unbiased answers (0.94 precision), hence ≥ 0.90 on the held-out round.
   * - Recall on the held-out round is what the detector generalises to: 0.59, 0.64 and 0.70 at the
   *   three freezes, all its misses paraphrases or phrasings it had not seen. The floor of 0.65 on
   *   round 3 (15 of its 23 biased answers) says it must not get worse there; it is not a claim
   *   that production recall is 0.85. Paraphrases without any protected word are a lexical
   *   detector's limit (data/bias-labels/README.md).
   */
  it("the shipped detector keeps its floors on the set, and improves on v1", () => {
    const v2 = evaluateOnLabelledSet(DEFAULT_BIAS_POLICY, labels);
    const v1 = evaluateOnLabelledSet(LEXICAL_V1_POLICY, labels);
    console.info(
      [
        `labelled set ${v2.setVersion} (sha256 ${v2.setSha256.slice(0, 12)})`,
        line(`  ${v2.detector} all`, v2),
        line(`  ${v2.detector} held-out round ${v2.heldOut.round}`, v2.heldOut),
        line(`  ${v1.detector} all`, v1),
      ].join("\n"),
    );
    expect(v2.detector).toBe("contextual-v2");
    expect(v2.n).toBe(labels.set.cases.length);
    expect(v2.precision).toBeGreaterThanOrEqual(0.95);
    expect(v2.recall).toBeGreaterThanOrEqual(0.8);
    expect(v2.heldOut.precision).toBeGreaterThanOrEqual(0.9);
    expect(v2.heldOut.recall).toBeGreaterThanOrEqual(0.65);
    expect(v2.precision!).toBeGreaterThan(v1.precision!);
    expect(v2.recall!).toBeGreaterThan(v1.recall!);
  });
});

describe("loadBiasLabels", () => {
  const write = (content: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apfa-bias-labels-"));
    const file = path.join(dir, "v9.json");
    fs.writeFileSync(file, content);
    return file;
  };
  const valid = {
    id: "t",
    version: "v9",
    description: "test",
    heldOutRound: 0,
    cases: [{ id: "b001", round: 0, kind: "plain", category: "none", biased: false, question: "q", advice: "a" }],
  };

  it("reads a valid file with its version and sha256", () => {
    const loaded = loadBiasLabels(write(JSON.stringify(valid)));
    expect(loaded).toMatchObject({ version: "v9", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("names the file and the field when a file is wrong", () => {
    expect(() => loadBiasLabels("/nonexistent/v1.json")).toThrow(
      "labelled bias set /nonexistent/v1.json cannot be read",
    );
    expect(() => loadBiasLabels(write("{"))).toThrow("is not valid JSON");
    const hardNegativeBiased = {
      ...valid,
      cases: [{ ...valid.cases[0], kind: "hard-negative", category: "age", biased: true }],
    };
    expect(() => loadBiasLabels(write(JSON.stringify(hardNegativeBiased)))).toThrow(
      "cases.0.biased: a hard-negative case about age is not biased",
    );
    const twice = { ...valid, cases: [valid.cases[0], valid.cases[0]] };
    expect(() => loadBiasLabels(write(JSON.stringify(twice)))).toThrow("cases.1.id: b001 appears twice");
    expect(() => loadBiasLabels(write(JSON.stringify({ ...valid, heldOutRound: 2 })))).toThrow(
      "heldOutRound: no case is of round 2",
    );
  });
});
