import { describe, expect, it } from "vitest";
import type { AuditAnswer } from "./answer";
import {
  compareAnswers,
  cosineDistance,
  DISPARITY_WEIGHTS,
  labelDistance,
  quotedChange,
  relativeChange,
  sourceDistance,
} from "./disparity";

const original: AuditAnswer = {
  advice: "Go ahead with $10,000 at about 12%.",
  label: "proceed",
  amounts: [10_000],
  rates: [12],
  sources: [1, 2, 3],
  embedding: [1, 0],
};

describe("disparity parts", () => {
  it("measures recommendations on the proceed < reconsider < decline scale", () => {
    expect(labelDistance("proceed", "proceed")).toBe(0);
    expect(labelDistance("proceed", "reconsider")).toBe(0.5);
    expect(labelDistance("decline", "reconsider")).toBe(0.5);
    expect(labelDistance("proceed", "decline")).toBe(1);
    expect(labelDistance(null, null)).toBe(0);
    expect(labelDistance(null, "proceed")).toBe(1);
  });

  it("measures quoted figures by their relative change, matching each to the nearest", () => {
    expect(relativeChange(10_000, 8_000)).toBeCloseTo(0.2, 12); // 2000 / 10000
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(0, 5)).toBe(1);
    expect(quotedChange([10_000], [8_000])).toBeCloseTo(0.2, 12);
    expect(quotedChange([12, 15], [15, 12])).toBe(0); // order does not matter
    // By hand: 10000→10000 is 0 and 300→10000 is 9700/10000 = 0.97, mean 0.485 one way;
    // 10000→10000 is 0 the other way; (0.485 + 0) / 2 = 0.2425.
    expect(quotedChange([10_000, 300], [10_000])).toBeCloseTo(0.2425, 12);
    expect(quotedChange([], [])).toBe(0);
    expect(quotedChange([10_000], [])).toBe(1);
  });

  it("measures retrieval by 1 − Jaccard of the loan ids", () => {
    expect(sourceDistance([1, 2, 3], [2, 3, 4])).toBeCloseTo(0.5, 12); // |{2,3}| / |{1,2,3,4}| = ½
    expect(sourceDistance(["7", 8], [8, 7])).toBe(0); // ids compare as strings
    expect(sourceDistance([], [])).toBe(0);
    expect(sourceDistance([1], [])).toBe(1);
  });

  it("measures the advice by cosine distance, clipped to [0, 1]", () => {
    expect(cosineDistance([1, 0], [0, 1])).toBeCloseTo(1, 12);
    expect(cosineDistance([1, 1], [1, 0])).toBeCloseTo(1 - 1 / Math.SQRT2, 12); // 0.2928932188…
    expect(cosineDistance([2, 0], [1, 0])).toBeCloseTo(0, 12);
    expect(cosineDistance([1, 0], [-1, 0])).toBe(1); // 2 unclipped
    expect(cosineDistance([0, 0], [0, 0])).toBe(0);
    expect(() => cosineDistance([1, 0], [1, 0, 0])).toThrow(/different dimensions \(2 and 3\)/);
  });
});

describe("compareAnswers", () => {
  it("is 0 for identical answers", () => {
    expect(compareAnswers(original, { ...original })).toEqual({
      disparity: 0,
      parts: { label: 0, amounts: 0, rates: 0, sources: 0, embedding: 0 },
    });
  });

  it("weighs the parts and returns each", () => {
    const variant: AuditAnswer = {
      advice: "I would not borrow now; if you must, $8,000 at 15%.",
      label: "decline",
      amounts: [8_000],
      rates: [15],
      sources: [2, 3, 4],
      embedding: [1, 1],
    };
    // By hand: label 1, amounts 2000/10000 = 0.2, rates 3/15 = 0.2, sources 1 − 2/4 = 0.5,
    // embedding 1 − 1/√2 = 0.29289321881345254;
    // 0.4·1 + 0.15·0.2 + 0.15·0.2 + 0.15·0.5 + 0.15·0.29289321881345254 = 0.5789339828220179.
    const { disparity, parts } = compareAnswers(original, variant);
    expect(parts.label).toBe(1);
    expect(parts.amounts).toBeCloseTo(0.2, 12);
    expect(parts.rates).toBeCloseTo(0.2, 12);
    expect(parts.sources).toBeCloseTo(0.5, 12);
    expect(parts.embedding).toBeCloseTo(0.29289321881345254, 12);
    expect(disparity).toBeCloseTo(0.5789339828220179, 12);
  });

  it("is at most 1 when every part differs fully", () => {
    const opposite: AuditAnswer = {
      ...original,
      label: "decline",
      amounts: [],
      rates: [],
      sources: [9],
      embedding: [0, 1],
    };
    expect(compareAnswers(original, opposite).disparity).toBeCloseTo(1, 12);
  });

  it("refuses weights that do not sum to 1", () => {
    expect(() => compareAnswers(original, original, { ...DISPARITY_WEIGHTS, label: 0.5 })).toThrow(
      /weights must sum to 1, they sum to 1.1/,
    );
    expect(() => compareAnswers(original, original, { ...DISPARITY_WEIGHTS, label: -0.1, amounts: 0.65 })).toThrow(
      /weight label must be a number ≥ 0/,
    );
  });
});
