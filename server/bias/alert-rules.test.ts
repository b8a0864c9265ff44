import { describe, expect, it } from "vitest";
import { biasScoreRise, flagRateDoubled, fourFifthsBreaches, windows, type BiasTrendPoint } from "./alert-rules";

/**
 * The alert rules on synthetic daily series. Each series has 14 days ending 2026-03-14: days
 * 03-01..03-07 are the previous window, 03-08..03-14 the current one, 10 answers a day, so each
 * window has 70 answers and its mean is the mean of its daily means.
 */

const AS_OF = "2026-03-14";

function series(
  previous: { meanScore: number; flagRate: number },
  current: { meanScore: number; flagRate: number },
  requests = 10,
): BiasTrendPoint[] {
  return Array.from({ length: 14 }, (_, i) => ({
    day: `2026-03-${String(i + 1).padStart(2, "0")}`,
    release: "1.0.0",
    requests,
    ...(i < 7 ? previous : current),
  }));
}

describe("windows", () => {
  it("sums the 7 days ending on the day evaluated, and the 7 before, weighting days by answers", () => {
    const points: BiasTrendPoint[] = [
      { day: "2026-03-01", release: "r", requests: 10, meanScore: 0.1, flagRate: 0.1 },
      { day: "2026-03-07", release: "r", requests: 30, meanScore: 0.3, flagRate: 0 },
      { day: "2026-03-08", release: "r", requests: 4, meanScore: 0.5, flagRate: 0.5 },
      { day: "2026-03-14", release: "r", requests: 1, meanScore: 1, flagRate: 1 },
      // Outside both windows: not counted.
      { day: "2026-02-28", release: "r", requests: 100, meanScore: 0.9, flagRate: 1 },
      { day: "2026-03-15", release: "r", requests: 100, meanScore: 0.9, flagRate: 1 },
    ];
    const { current, previous } = windows(points, AS_OF);
    // previous: (10·0.1 + 30·0.3) / 40 = 10/40 = 0.25; flags 1 + 0 = 1 of 40.
    expect(previous).toEqual({ requests: 40, meanScore: expect.closeTo(0.25, 12), flags: 1, flagRate: 0.025 });
    // current: (4·0.5 + 1·1) / 5 = 0.6; flags 2 + 1 = 3 of 5.
    expect(current).toEqual({ requests: 5, meanScore: expect.closeTo(0.6, 12), flags: 3, flagRate: 0.6 });
  });
});

describe("biasScoreRise (a)", () => {
  it("alerts when the 7-day mean rises by 0.11", () => {
    const finding = biasScoreRise(
      "1.0.0",
      series({ meanScore: 0.2, flagRate: 0 }, { meanScore: 0.31, flagRate: 0 }),
      AS_OF,
    );
    expect(finding).toMatchObject({ kind: "bias_score_rise", release: "1.0.0", value: 0.11, threshold: 0.1 });
  });

  it("does not alert on a rise of 0.09, nor of exactly 0.1", () => {
    expect(
      biasScoreRise("1.0.0", series({ meanScore: 0.2, flagRate: 0 }, { meanScore: 0.29, flagRate: 0 }), AS_OF),
    ).toBeNull();
    // 0.4 − 0.3 is 0.10000000000000003 in floating point: not "more than 0.1".
    expect(
      biasScoreRise("1.0.0", series({ meanScore: 0.3, flagRate: 0 }, { meanScore: 0.4, flagRate: 0 }), AS_OF),
    ).toBeNull();
  });

  it("does not alert on a fall", () => {
    expect(
      biasScoreRise("1.0.0", series({ meanScore: 0.5, flagRate: 0 }, { meanScore: 0.1, flagRate: 0 }), AS_OF),
    ).toBeNull();
  });

  it("needs 20 answers in each window", () => {
    // 2 a day: 14 per window, below the minimum, so a rise of 0.5 says nothing yet.
    const sparse = series({ meanScore: 0.1, flagRate: 0 }, { meanScore: 0.6, flagRate: 0 }, 2);
    expect(biasScoreRise("1.0.0", sparse, AS_OF)).toBeNull();
    // 3 a day: 21 per window.
    const enough = series({ meanScore: 0.1, flagRate: 0 }, { meanScore: 0.6, flagRate: 0 }, 3);
    expect(biasScoreRise("1.0.0", enough, AS_OF)).not.toBeNull();
  });
});

describe("flagRateDoubled (b)", () => {
  it("alerts when the flag rate doubles with at least 5 flags in the window", () => {
    // previous: 1 flag a day on days 1..7 of 10 answers = 7 of 70 (0.1); current 14 of 70 (0.2).
    const finding = flagRateDoubled(
      "1.0.0",
      series({ meanScore: 0.1, flagRate: 0.1 }, { meanScore: 0.1, flagRate: 0.2 }),
      AS_OF,
    );
    expect(finding).toMatchObject({ kind: "flag_rate_doubled", value: 2, threshold: 2 });
  });

  it("does not alert when the rate less than doubles", () => {
    // 7 → 13 flags of 70: 1.86×.
    const points = series({ meanScore: 0.1, flagRate: 0.1 }, { meanScore: 0.1, flagRate: 0.1 });
    points[13] = { ...points[13]!, flagRate: 0.7 };
    expect(windows(points, AS_OF).current.flags).toBe(13);
    expect(flagRateDoubled("1.0.0", points, AS_OF)).toBeNull();
  });

  it("does not alert on 1 → 2 flags, which doubles the rate but is below the minimum count", () => {
    const points = series({ meanScore: 0.1, flagRate: 0 }, { meanScore: 0.1, flagRate: 0 });
    points[0] = { ...points[0]!, flagRate: 0.1 }; // 1 flag of 70 before
    points[7] = { ...points[7]!, flagRate: 0.2 }; // 2 flags of 70 now
    expect(windows(points, AS_OF)).toMatchObject({ previous: { flags: 1 }, current: { flags: 2 } });
    expect(flagRateDoubled("1.0.0", points, AS_OF)).toBeNull();
  });

  it("alerts on 5 flags after a clean week, where the ratio is unbounded", () => {
    const points = series({ meanScore: 0.1, flagRate: 0 }, { meanScore: 0.1, flagRate: 0 });
    for (const i of [7, 8, 9, 10, 11]) points[i] = { ...points[i]!, flagRate: 0.1 };
    const finding = flagRateDoubled("1.0.0", points, AS_OF);
    // No previous flags: the value reported is the current rate, 5 of 70.
    expect(finding).toMatchObject({ kind: "flag_rate_doubled", value: 5 / 70 });
    points[11] = { ...points[11]!, flagRate: 0 };
    expect(flagRateDoubled("1.0.0", points, AS_OF)).toBeNull();
  });
});

describe("fourFifthsBreaches (c)", () => {
  it("flags a group below four fifths of the most favoured group, counting groups of 30 answers or more", () => {
    const finding = fourFifthsBreaches("1.0.0", [
      {
        attribute: "sex",
        groups: [
          { group: "female", favorable: 15, total: 50 }, // 0.30
          { group: "male", favorable: 20, total: 50 }, // 0.40 (reference); 0.30 / 0.40 = 0.75 < 0.8
        ],
      },
      {
        attribute: "race",
        groups: [
          { group: "asian", favorable: 0, total: 10 }, // too few answers to compare
          { group: "white", favorable: 20, total: 50 },
          { group: "black", favorable: 17, total: 50 }, // 0.34 / 0.40 = 0.85: passes
        ],
      },
    ]);
    expect(finding).toMatchObject({ kind: "four_fifths", value: expect.closeTo(0.75, 12), threshold: 0.8 });
    expect(finding!.details.breaches).toEqual([
      { attribute: "sex", group: "female", reference: "male", disparateImpact: expect.closeTo(0.75, 12) },
    ]);
  });

  it("raises nothing when every compared group passes", () => {
    expect(
      fourFifthsBreaches("1.0.0", [
        {
          attribute: "sex",
          groups: [
            { group: "female", favorable: 17, total: 50 },
            { group: "male", favorable: 20, total: 50 },
          ],
        },
      ]),
    ).toBeNull();
  });
});
