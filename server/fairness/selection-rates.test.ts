import { expect, it } from "vitest";
import { selectionRates } from "./selection-rates";

// Reference values by hand: a 30/100 = 0.3, b 45/100 = 0.45, c 20/50 = 0.4.
const counts = [
  { group: "a", favorable: 30, total: 100 },
  { group: "b", favorable: 45, total: 100 },
  { group: "c", favorable: 20, total: 50 },
];

it("compares every group with the most favoured one by default", () => {
  const { reference, groups } = selectionRates(counts);
  expect(reference).toBe("b");
  // a: 0.3 / 0.45 = 2/3 = 0.6667 < 0.8, flagged; c: 0.4 / 0.45 = 8/9 = 0.8889, not flagged.
  expect(groups.map((g) => [g.group, g.selectionRate, g.disparateImpact, g.fourFifthsFlag, g.isReference])).toEqual([
    ["a", 0.3, expect.closeTo(2 / 3, 10), true, false],
    ["b", 0.45, 1, false, true],
    ["c", 0.4, expect.closeTo(8 / 9, 10), false, false],
  ]);
});

it("compares with a named privileged group, and says nothing when that group selects no one", () => {
  // Privileged c (0.4): a 0.3 / 0.4 = 0.75 flagged; b 0.45 / 0.4 = 1.125.
  expect(selectionRates(counts, "c").groups.map((g) => g.disparateImpact)).toEqual([
    expect.closeTo(0.75, 10),
    expect.closeTo(1.125, 10),
    1,
  ]);
  const none = selectionRates([
    { group: "x", favorable: 0, total: 4 },
    { group: "y", favorable: 0, total: 2 },
  ]);
  expect(none.groups.map((g) => [g.disparateImpact, g.fourFifthsFlag])).toEqual([
    [null, false],
    [null, false],
  ]);
  expect(selectionRates([]).reference).toBeNull();
});

it("does not flag a ratio of exactly four fifths (16/50 against 20/50; the rates' quotient is 0.7999…)", () => {
  const { groups } = selectionRates([
    { group: "u", favorable: 16, total: 50 },
    { group: "p", favorable: 20, total: 50 },
  ]);
  expect(groups.find((g) => g.group === "u")).toMatchObject({ disparateImpact: 0.8, fourFifthsFlag: false });
});
