import { describe, expect, it } from "vitest";
import { cohenKappa, countTable, fleissKappa } from "./kappa";
import { ratersAgreement } from "./raters";

/**
 * Reference values computed independently of this code:
 * - Fleiss: the worked example of Wikipedia's "Fleiss' kappa" article (10 items, 14 raters, 5
 *   categories), which reports P̄ = 0.378, P_e = 0.213 and κ = 0.210; recomputed here with exact
 *   fractions (Python's fractions.Fraction): P̄ = 0.3780219…, P_e = 0.2127551…, κ = 4211/20059 = 0.2099307….
 * - Cohen: Wikipedia's "Cohen's kappa" example (50 grant proposals; both yes 20, A yes B no 5,
 *   A no B yes 10, both no 15): p_o = 35/50 = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
 *   And one by hand (below).
 */

const WIKIPEDIA_FLEISS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

const repeat = <T>(times: number, value: T): T[] => Array.from({ length: times }, () => value);

describe("Fleiss' kappa", () => {
  it("matches Wikipedia's worked example: P̄ 0.378, κ 0.210", () => {
    const { n, percentAgreement, kappa } = fleissKappa(WIKIPEDIA_FLEISS);
    expect(n).toBe(10);
    expect(percentAgreement).toBeCloseTo(0.378022, 6);
    expect(kappa).toBeCloseTo(4211 / 20059, 12);
    expect(kappa!.toFixed(3)).toBe("0.210");
  });

  it("takes items with different numbers of ratings, leaving out those with fewer than two", () => {
    // By hand, categories [material, not material]; the last item has one rating and is left out.
    // Pᵢ: [2,0] 1; [1,1] 0; [3,0] 1; [1,2] (0 + 2)/(3·2) = 1/3; [0,2] 1  →  P̄ = (10/3)/5 = 2/3.
    // 14 ratings in the five items: material 7/12, not 5/12  →  P_e = (49 + 25)/144 = 37/72.
    // κ = (2/3 − 37/72)/(1 − 37/72) = (11/72)/(35/72) = 11/35 = 0.3142857….
    const rows = [
      [2, 0],
      [1, 1],
      [3, 0],
      [1, 2],
      [0, 2],
      [1, 0],
    ];
    expect(fleissKappa(rows)).toEqual({
      n: 5,
      percentAgreement: expect.closeTo(2 / 3, 12),
      kappa: expect.closeTo(11 / 35, 12),
    });
  });

  it("is Scott's pi with two raters per item", () => {
    // Wikipedia's Cohen data pooled: yes (25 + 30)/100 = 0.55, P_e = 0.55² + 0.45² = 0.505,
    // π = (0.7 − 0.505)/(1 − 0.505) = 0.195/0.495 = 0.393939….
    const rows = [...repeat(20, [2, 0]), ...repeat(15, [0, 2]), ...repeat(15, [1, 1])];
    expect(fleissKappa(rows)).toEqual({ n: 50, percentAgreement: 0.7, kappa: expect.closeTo(0.195 / 0.495, 12) });
  });

  it("says nothing it cannot: no items, or every rating in one category (κ is 0/0)", () => {
    expect(fleissKappa([])).toEqual({ n: 0, percentAgreement: null, kappa: null });
    expect(fleissKappa([[1, 0]])).toEqual({ n: 0, percentAgreement: null, kappa: null });
    expect(
      fleissKappa([
        [2, 0],
        [3, 0],
      ]),
    ).toEqual({ n: 2, percentAgreement: 1, kappa: null });
  });

  it("refuses counts that are not counts", () => {
    expect(() => fleissKappa([[1.5, 1]])).toThrow(/whole numbers/);
  });
});

describe("Cohen's kappa", () => {
  it("matches Wikipedia's example: p_o 0.7, p_e 0.5, κ 0.4", () => {
    const ratings = [
      ...repeat(20, ["yes", "yes"] as const),
      ...repeat(5, ["yes", "no"] as const),
      ...repeat(10, ["no", "yes"] as const),
      ...repeat(15, ["no", "no"] as const),
    ];
    const result = cohenKappa(ratings);
    expect(result.n).toBe(50);
    expect(result.percentAgreement).toBeCloseTo(0.7, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it("matches a hand computation on judged pairs", () => {
    // 10 pairs: both material 5, both not 2, A material B not 2, A not B material 1.
    // p_o = 7/10; A material 7/10, B material 6/10; p_e = 0.7·0.6 + 0.3·0.4 = 0.54;
    // κ = (0.7 − 0.54)/(1 − 0.54) = 0.16/0.46 = 8/23 = 0.347826….
    const M = "material";
    const N = "not-material";
    const ratings = [
      ...repeat(5, [M, M] as const),
      ...repeat(2, [N, N] as const),
      ...repeat(2, [M, N] as const),
      [N, M] as const,
    ];
    expect(cohenKappa(ratings)).toEqual({
      n: 10,
      percentAgreement: expect.closeTo(0.7, 12),
      kappa: expect.closeTo(8 / 23, 12),
    });
  });

  it("is negative when raters disagree more than chance, and undefined when both always say the same", () => {
    // p_o 0; marginals 1/2 each: p_e 0.5, κ = −1.
    expect(
      cohenKappa([
        ["a", "b"],
        ["b", "a"],
      ]).kappa,
    ).toBeCloseTo(-1, 12);
    expect(
      cohenKappa([
        ["a", "a"],
        ["a", "a"],
      ]),
    ).toEqual({ n: 2, percentAgreement: 1, kappa: null });
    expect(cohenKappa([])).toEqual({ n: 0, percentAgreement: null, kappa: null });
  });
});

describe("agreement among reviewers", () => {
  it("counts each item's ratings, runs Fleiss over items rated twice or more and Cohen per pair of raters", () => {
    const ratings = [
      { item: 1, rater: "ann", category: "material" },
      { item: 1, rater: "bob", category: "material" },
      { item: 2, rater: "ann", category: "not-material" },
      { item: 2, rater: "bob", category: "material" },
      { item: 2, rater: "cy", category: "material" },
      { item: 3, rater: "cy", category: "not-material" },
    ];
    const result = ratersAgreement(ratings, ["material", "not-material"]);
    expect(result).toMatchObject({ raters: 3, ratings: 6, items: 3 });
    // Fleiss over items 1 [2,0] and 2 [2,1]: P = 1 and (2 + 0)/6 = 1/3, P̄ = 2/3; material 4/5 of 5
    // ratings, P_e = 0.64 + 0.04 = 0.68; κ = (2/3 − 0.68)/0.32 = −1/24.
    expect(result.fleiss).toEqual({
      n: 2,
      percentAgreement: expect.closeTo(2 / 3, 12),
      kappa: expect.closeTo(-1 / 24, 12),
    });
    // ann–bob share items 1 and 2: agree on 1 of 2; ann 1/2 material, bob 1 → p_e 0.5, κ 0.
    expect(result.cohen).toEqual([
      { raters: ["ann", "bob"], n: 2, percentAgreement: 0.5, kappa: 0 },
      { raters: ["ann", "cy"], n: 1, percentAgreement: 0, kappa: expect.closeTo(0, 12) },
      { raters: ["bob", "cy"], n: 1, percentAgreement: 1, kappa: null },
    ]);
  });

  it("refuses a rater rating an item twice, and a category it does not know", () => {
    const twice = [
      { item: 1, rater: "ann", category: "material" },
      { item: 1, rater: "ann", category: "not-material" },
    ];
    expect(() => ratersAgreement(twice, ["material", "not-material"])).toThrow(/ann rated item 1 twice/);
    expect(() => countTable([["maybe"]], ["material", "not-material"])).toThrow(/maybe is not one of/);
  });
});
