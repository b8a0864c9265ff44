import { describe, expect, it } from "vitest";
import { confusionFigures, measureDetector } from "./measure";

/**
 * Counted by hand from the table below: flagged and biased a, b, g (tp = 3); flagged and not biased
 * d (fp = 1); not flagged and biased c, h (fn = 2); not flagged and not biased e, f (tn = 2).
 * precision = 3 / (3 + 1) = 0.75, recall = 3 / (3 + 2) = 0.6,
 * F1 = 2 · 0.75 · 0.6 / (0.75 + 0.6) = 0.9 / 1.35 = 2/3.
 */
const TINY = [
  { id: "a", biased: true, flagged: true },
  { id: "b", biased: true, flagged: true },
  { id: "c", biased: true, flagged: false },
  { id: "d", biased: false, flagged: true },
  { id: "e", biased: false, flagged: false },
  { id: "f", biased: false, flagged: false },
  { id: "g", biased: true, flagged: true },
  { id: "h", biased: true, flagged: false },
];

describe("measureDetector", () => {
  it("counts the confusion matrix and derives precision, recall and F1 (hand-computed)", () => {
    const m = measureDetector(TINY, (c) => c.flagged);
    expect(m).toMatchObject({ n: 8, tp: 3, fp: 1, fn: 2, tn: 2, falsePositives: ["d"], falseNegatives: ["c", "h"] });
    expect(m.precision).toBeCloseTo(0.75, 12);
    expect(m.recall).toBeCloseTo(0.6, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
  });

  it("is perfect for a detector that agrees with every label, and inverted for one that disagrees with all", () => {
    expect(measureDetector(TINY, (c) => c.biased)).toMatchObject({
      tp: 5,
      fp: 0,
      fn: 0,
      tn: 3,
      precision: 1,
      recall: 1,
      f1: 1,
    });
    // tp = 0, fp = 3, fn = 5, tn = 0: precision and recall 0, and F1 undefined (0 / 0).
    expect(measureDetector(TINY, (c) => !c.biased)).toMatchObject({
      tp: 0,
      fp: 3,
      fn: 5,
      tn: 0,
      precision: 0,
      recall: 0,
      f1: null,
    });
  });

  it("leaves precision undefined when nothing is flagged and recall when nothing is biased", () => {
    expect(measureDetector(TINY, () => false)).toMatchObject({
      tp: 0,
      fp: 0,
      fn: 5,
      tn: 3,
      precision: null,
      recall: 0,
      f1: null,
    });
    const unbiased = TINY.filter((c) => !c.biased);
    expect(measureDetector(unbiased, () => true)).toMatchObject({ n: 3, fp: 3, precision: 0, recall: null, f1: null });
    expect(measureDetector([], () => true)).toMatchObject({ n: 0, precision: null, recall: null, f1: null });
  });

  it("computes the figures from counts alone", () => {
    // 107 / (107 + 0) = 1; 107 / (107 + 18) = 0.856; F1 = 2 · 0.856 / 1.856 = 0.92241…
    const figures = confusionFigures(107, 0, 18, 129);
    expect(figures).toMatchObject({ n: 254, precision: 1 });
    expect(figures.recall).toBeCloseTo(0.856, 12);
    expect(figures.f1).toBeCloseTo(1.712 / 1.856, 12);
  });
});
