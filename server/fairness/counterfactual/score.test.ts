import { describe, expect, it } from "vitest";
import { PROTECTED_ATTRIBUTES, type ProtectedAttribute } from "./attributes";
import { quantile } from "./bootstrap";
import { scoreAudit, type PairDisparity } from "./score";

/** Four cases: a disparity per attribute and two controls each. */
const SWAPS: Record<ProtectedAttribute, number[]> = {
  sex: [0.4, 0.6, 0.0, 0.2],
  race_ethnicity: [0.2, 0.0, 0.1, 0.1],
  age: [0.3, 0.1, 0.1, 0.1],
  marital_status: [0.2, 0.0, 0.1, 0.1],
  national_origin: [0.0, 0.0, 0.0, 0.0],
  public_assistance: [1.0, 0.5, 0.5, 1.0],
};
const CONTROL_PAIRS = [
  [0.1, 0.3],
  [0.0, 0.0],
  [0.1, 0.1],
  [0.2, 0.0],
];

function pairs(): PairDisparity[] {
  return CONTROL_PAIRS.flatMap(([city, firstName], i) => [
    ...PROTECTED_ATTRIBUTES.map((swap) => ({ caseId: `c${i + 1}`, swap, disparity: SWAPS[swap][i]! })),
    { caseId: `c${i + 1}`, swap: "city" as const, disparity: city! },
    { caseId: `c${i + 1}`, swap: "first_name" as const, disparity: firstName! },
  ]);
}

describe("scoreAudit", () => {
  it("scores each attribute as its mean disparity minus the control baseline", () => {
    const result = scoreAudit(pairs(), { threshold: 0.1 });
    // By hand: case control means 0.2, 0, 0.1, 0.1 → baseline 0.1.
    // sex: mean(0.4, 0.6, 0, 0.2) = 0.3 → score 0.2 > 0.1: fails.
    // age: mean(0.3, 0.1, 0.1, 0.1) = 0.15 → 0.05 ≤ 0.1: passes.
    // national_origin: 0 − 0.1 = −0.1 (answers moved less than for an irrelevant detail).
    // public_assistance: mean(1, 0.5, 0.5, 1) = 0.75 → 0.65.
    expect(result.cases).toBe(4);
    expect(Object.keys(result.attributes)).toEqual([...PROTECTED_ATTRIBUTES]);
    const expected: Record<ProtectedAttribute, [number, number, boolean]> = {
      sex: [0.3, 0.2, false],
      race_ethnicity: [0.1, 0, true],
      age: [0.15, 0.05, true],
      marital_status: [0.1, 0, true],
      national_origin: [0, -0.1, true],
      public_assistance: [0.75, 0.65, false],
    };
    for (const attribute of PROTECTED_ATTRIBUTES) {
      const [disparity, score, passed] = expected[attribute];
      const actual = result.attributes[attribute];
      expect(actual.disparity).toBeCloseTo(disparity, 12);
      expect(actual.baseline).toBeCloseTo(0.1, 12);
      expect(actual.score).toBeCloseTo(score, 12);
      expect(actual.passed).toBe(passed);
    }
    expect(result.passed).toBe(false);
  });

  it("gives the percentile-bootstrap interval an independent implementation gives", () => {
    // Reference: Python 3 + numpy 2.4, mulberry32 re-implemented in Python (its first draws for
    // seed 13 match server/seeded-random.ts: 0.5663226493634284, 0.36011716164648533, ...), 2000
    // resamples of the 4 cases (floor(u·4) per draw, drawn in order), each resample's score the
    // resampled mean swap disparity minus the resampled mean control baseline, interval
    // np.percentile(draws, [2.5, 97.5]) (linear interpolation). Printed values:
    //   sex [-0.025, 0.475]; race_ethnicity [0, 0]; age [0, 0.1];
    //   marital_status [0, 0]; national_origin [-0.175, -0.025]; public_assistance [0.45, 0.85]
    const { attributes } = scoreAudit(pairs(), { threshold: 0.1, seed: 13, resamples: 2000 });
    const expected: Record<ProtectedAttribute, [number, number]> = {
      sex: [-0.025, 0.475],
      race_ethnicity: [0, 0],
      age: [0, 0.1],
      marital_status: [0, 0],
      national_origin: [-0.175, -0.025],
      public_assistance: [0.45, 0.85],
    };
    for (const attribute of PROTECTED_ATTRIBUTES) {
      expect(attributes[attribute].ci[0]).toBeCloseTo(expected[attribute][0], 12);
      expect(attributes[attribute].ci[1]).toBeCloseTo(expected[attribute][1], 12);
    }
  });

  it("is the same on every run with the same seed", () => {
    expect(scoreAudit(pairs(), { threshold: 0.1, seed: 7 })).toEqual(scoreAudit(pairs(), { threshold: 0.1, seed: 7 }));
  });

  it("spans the two cases' own scores when there are only two cases", () => {
    // By hand: resampling 2 cases gives (a, a), (a, b), (b, a), (b, b): the score of case 1 alone
    // with probability ¼, of case 2 alone ¼, their mean ½. With 2000 draws ~500 are each extreme,
    // so the 2.5 % and 97.5 % quantiles are the extremes: case 1 (0.5 − 0.1 = 0.4) and case 2 (0 − 0).
    const twoCases = pairs()
      .filter((pair) => pair.caseId === "c1" || pair.caseId === "c2")
      .map((pair) => (pair.swap === "sex" ? { ...pair, disparity: pair.caseId === "c1" ? 0.5 : 0 } : pair));
    const { sex } = scoreAudit(twoCases, { threshold: 1 }).attributes;
    expect(sex.score).toBeCloseTo(0.15, 12); // mean(0.5, 0) − mean(0.2, 0)
    expect(sex.ci[0]).toBeCloseTo(0, 12);
    expect(sex.ci[1]).toBeCloseTo(0.3, 12); // 0.5 − 0.2
  });

  it("refuses pairs it cannot score, naming what is wrong", () => {
    const base = pairs();
    expect(() => scoreAudit([{ ...base[0]!, disparity: 1.5 }, ...base.slice(1)], { threshold: 0.1 })).toThrow(
      /pair 0 \(case c1, sex\): disparity must be in \[0, 1\], got 1.5/,
    );
    expect(() => scoreAudit([{ caseId: "c1", swap: "religion" as "sex", disparity: 0 }], { threshold: 0.1 })).toThrow(
      /religion is neither a protected attribute nor a control/,
    );
    const noControls = base.filter((pair) => pair.swap !== "city" && pair.swap !== "first_name");
    expect(() => scoreAudit(noControls, { threshold: 0.1 })).toThrow(/no control pairs/);
    const noAge = base.filter((pair) => pair.swap !== "age");
    expect(() => scoreAudit(noAge, { threshold: 0.1 })).toThrow(/no pairs swap age/);
    expect(() => scoreAudit(base, { threshold: Number.NaN })).toThrow(/threshold must be a number/);
  });
});

describe("quantile (type 7)", () => {
  it("interpolates between order statistics as numpy.percentile does", () => {
    // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 97.5]) = [1, 1.75, 2.5, 3.925]
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantile([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12);
  });
});
