import { describe, expect, it } from "vitest";
import { baseRate, countsOf, falsePositiveRate, selectionRate, truePositiveRate, type ConfusionCounts } from "./counts";
import { failsFourFifths, groupMetrics } from "./group-metrics";
import { theilIndex } from "./theil";

/** Grouped counts from per-row arrays: the way AIF360 and Fairlearn are fed, for the toy case. */
function grouped(groups: string[], y: number[], yHat: number[], privileged: string) {
  const byGroup = new Map<string, ConfusionCounts>();
  for (const group of new Set(groups)) {
    const rows = groups.flatMap((g, i) => (g === group ? [i] : []));
    byGroup.set(
      group,
      countsOf(
        rows.map((i) => y[i]!),
        rows.map((i) => yHat[i]!),
      ),
    );
  }
  return { byGroup, privileged };
}

describe("the toy case of issue 13, checked by hand", () => {
  const y = [1, 1, 1, 0, 0, 1, 1, 0, 0, 0];
  const yHat = [1, 1, 0, 1, 0, 1, 0, 0, 0, 1];
  const groups = ["p", "p", "p", "p", "p", "u", "u", "u", "u", "u"];
  const metrics = groupMetrics(grouped(groups, y, yHat, "p"));

  it("statistical parity difference and disparate impact", () => {
    // Selection rates: privileged rows 1–5 predict 1,1,0,1,0 → 3/5 = 0.6; unprivileged rows 6–10
    // predict 1,0,0,0,1 → 2/5 = 0.4. SPD = 0.4 − 0.6 = −0.2; DI = 0.4 / 0.6 = 2/3 ≈ 0.6667 < 0.8.
    expect(metrics.statisticalParityDifference).toBeCloseTo(-0.2, 12);
    expect(metrics.disparateImpact).toBeCloseTo(2 / 3, 12);
    expect(failsFourFifths(metrics.disparateImpact)).toBe(true);
  });

  it("equal opportunity and average odds difference, with their parts", () => {
    // TPR: privileged y = 1 on rows 1,2,3 with ŷ 1,1,0 → 2/3; unprivileged y = 1 on rows 6,7 with
    // ŷ 1,0 → 1/2. EOD = 1/2 − 2/3 = −1/6 ≈ −0.1667.
    // FPR: privileged y = 0 on rows 4,5 with ŷ 1,0 → 1/2; unprivileged y = 0 on rows 8,9,10 with
    // ŷ 0,0,1 → 1/3. FPR difference = 1/3 − 1/2 = −1/6. AOD = ½(−1/6 + −1/6) = −1/6 ≈ −0.1667.
    expect(metrics.equalOpportunityDifference).toBeCloseTo(-1 / 6, 12);
    expect(metrics.truePositiveRateDifference).toBeCloseTo(-1 / 6, 12);
    expect(metrics.falsePositiveRateDifference).toBeCloseTo(-1 / 6, 12);
    expect(metrics.averageOddsDifference).toBeCloseTo(-1 / 6, 12);
  });

  it("Theil index", () => {
    // b = ŷ − y + 1 per row: 1,1,0,2,1,1,0,1,1,2; Σb = 10, μ = 1. Rows with b = 1 add 1·ln 1 = 0,
    // b = 0 adds 0; the two rows with b = 2 add 2 ln 2 each. (2 · 2 ln 2) / 10 = 0.4 ln 2 ≈ 0.27726.
    expect(metrics.theilIndex).toBeCloseTo(0.4 * Math.log(2), 12);
    expect(metrics.theilIndex).toBeCloseTo(0.2773, 4);
  });

  it("Fairlearn's unsigned differences and ratio over the two groups", () => {
    // Selection 0.6 vs 0.4 → difference 0.2, ratio 2/3. TPR spread |1/2 − 2/3| = 1/6, FPR spread
    // |1/3 − 1/2| = 1/6 → equalized odds difference 1/6.
    expect(metrics.demographicParityDifference).toBeCloseTo(0.2, 12);
    expect(metrics.demographicParityRatio).toBeCloseTo(2 / 3, 12);
    expect(metrics.equalizedOddsDifference).toBeCloseTo(1 / 6, 12);
  });
});

describe("average odds difference", () => {
  it("is zero when its FPR and TPR parts cancel, and both parts are reported", () => {
    // Privileged: TPR 1/2 (tp 1, fn 1), FPR 1/2 (fp 1, tn 1). Unprivileged: TPR 1 (tp 2), FPR 0
    // (tn 2). TPR difference +1/2, FPR difference −1/2, AOD = 0 though the odds differ a lot.
    const byGroup = new Map<string, ConfusionCounts>([
      ["p", { tp: 1, fn: 1, fp: 1, tn: 1 }],
      ["u", { tp: 2, fn: 0, fp: 0, tn: 2 }],
    ]);
    const metrics = groupMetrics({ byGroup, privileged: "p" });
    expect(metrics.averageOddsDifference).toBe(0);
    expect(metrics.truePositiveRateDifference).toBe(0.5);
    expect(metrics.falsePositiveRateDifference).toBe(-0.5);
    expect(metrics.equalizedOddsDifference).toBe(0.5);
  });
});

describe("more than two groups", () => {
  // a (privileged): 10 rows, 8 selected; b: 10 rows, 5 selected; c: 20 rows, 4 selected.
  const byGroup = new Map<string, ConfusionCounts>([
    ["a", { tp: 6, fp: 2, fn: 1, tn: 1 }],
    ["b", { tp: 4, fp: 1, fn: 2, tn: 3 }],
    ["c", { tp: 3, fp: 1, fn: 6, tn: 10 }],
  ]);
  const metrics = groupMetrics({ byGroup, privileged: "a" });

  it("pools every other value as unprivileged for AIF360's metrics", () => {
    // Unprivileged = b + c: 30 rows, 5 + 4 = 9 selected → 0.3; privileged 0.8. SPD −0.5, DI 0.375.
    // TPR: unprivileged (4 + 3) / (6 + 9) = 7/15, privileged 6/7. FPR: (1 + 1) / (4 + 11) = 2/15, 2/3.
    expect(metrics.statisticalParityDifference).toBeCloseTo(-0.5, 12);
    expect(metrics.disparateImpact).toBeCloseTo(0.375, 12);
    expect(metrics.equalOpportunityDifference).toBeCloseTo(7 / 15 - 6 / 7, 12);
    expect(metrics.averageOddsDifference).toBeCloseTo((2 / 15 - 2 / 3 + (7 / 15 - 6 / 7)) / 2, 12);
  });

  it("takes Fairlearn's between-group spread over the actual values", () => {
    // Selection a 0.8, b 0.5, c 0.2 → max − min 0.6, min / max 0.25. TPR a 6/7, b 4/6, c 3/9 →
    // spread 6/7 − 1/3 = 0.5238; FPR a 2/3, b 1/4, c 1/11 → spread 2/3 − 1/11 = 0.5758, the larger.
    expect(metrics.demographicParityDifference).toBeCloseTo(0.6, 12);
    expect(metrics.demographicParityRatio).toBeCloseTo(0.25, 12);
    expect(metrics.equalizedOddsDifference).toBeCloseTo(2 / 3 - 1 / 11, 12);
  });
});

describe("undefined rates", () => {
  it("are null, not NaN or Infinity, and so are the metrics built on them", () => {
    // The privileged group selects nobody (DI divides by 0) and has no positive labels (no TPR).
    const byGroup = new Map<string, ConfusionCounts>([
      ["p", { tp: 0, fp: 0, fn: 0, tn: 4 }],
      ["u", { tp: 1, fp: 1, fn: 1, tn: 1 }],
    ]);
    const metrics = groupMetrics({ byGroup, privileged: "p" });
    expect(metrics.disparateImpact).toBeNull();
    expect(failsFourFifths(metrics.disparateImpact)).toBeNull();
    expect(metrics.equalOpportunityDifference).toBeNull();
    expect(metrics.averageOddsDifference).toBeNull();
    expect(metrics.statisticalParityDifference).toBe(0.5);
    expect(metrics.demographicParityRatio).toBe(0);
    expect(truePositiveRate(byGroup.get("p")!)).toBeNull();
    expect(theilIndex({ tp: 0, fp: 0, fn: 3, tn: 0 })).toBeNull();
    expect(theilIndex({ tp: 0, fp: 0, fn: 0, tn: 0 })).toBeNull();
  });
});

describe("German credit (Statlog, data/german-credit), counted independently", () => {
  /*
   * Counts by awk over data/german-credit/german.data (attribute 13 age, 21 credit: 1 good, 2 bad;
   * 1 checking account), with the prediction the illustrative rule "good unless the checking
   * account is overdrawn (A11)":
   *
   *   awk '{c=($21==1); p=($1!="A11"); a=($13>=25)?"old":"young"; n[a" y="c" p="p]++}
   *        END {for (k in n) print k, n[k]}' german.data
   *
   *   old   y=1 p=1 498   y=1 p=0 114   y=0 p=1 136   y=0 p=0 103   (851 rows, age ≥ 25, privileged)
   *   young y=1 p=1  63   y=1 p=0  25   y=0 p=1  29   y=0 p=0  32   (149 rows)
   */
  const byGroup = new Map<string, ConfusionCounts>([
    ["25+", { tp: 498, fn: 114, fp: 136, tn: 103 }],
    ["under25", { tp: 63, fn: 25, fp: 29, tn: 32 }],
  ]);
  const metrics = groupMetrics({ byGroup, privileged: "25+" });

  it("matches the hand computation for the rule's predictions", () => {
    // Selection: old (498 + 136) / 851 = 634/851 = 0.745006; young (63 + 29) / 149 = 92/149 = 0.617450.
    // SPD = −0.127556; DI = 0.828785.
    expect(metrics.statisticalParityDifference).toBeCloseTo(92 / 149 - 634 / 851, 12);
    expect(metrics.statisticalParityDifference).toBeCloseTo(-0.127556, 6);
    expect(metrics.disparateImpact).toBeCloseTo(0.828785, 6);
    // TPR: old 498/612 = 0.813725, young 63/88 = 0.715909 → EOD −0.097816.
    // FPR: old 136/239 = 0.569038, young 29/61 = 0.475410 → −0.093628. AOD = ½(sum) = −0.095722.
    expect(metrics.equalOpportunityDifference).toBeCloseTo(-0.097816, 6);
    expect(metrics.falsePositiveRateDifference).toBeCloseTo(-0.093628, 6);
    expect(metrics.averageOddsDifference).toBeCloseTo(-0.095722, 6);
    // Theil over all 1000 rows: fp 165 (b = 2), fn 139 (b = 0), the other 696 b = 1.
    // μ = (2·165 + 696) / 1000 = 1.026; GE(1) = [165·(2/μ)·ln(2/μ) + 696·(1/μ)·ln(1/μ)] / 1000 = 0.197274.
    expect(metrics.theilIndex).toBeCloseTo(0.197274, 6);
    // Fairlearn with two groups: |SPD| and min/max selection; max(|EOD|, |FPR diff|) = 0.097816.
    expect(metrics.demographicParityDifference).toBeCloseTo(0.127556, 6);
    expect(metrics.equalizedOddsDifference).toBeCloseTo(0.097816, 6);
  });

  it("with the labels as predictions, SPD is the difference of base rates and the error metrics vanish", () => {
    // Good credit: age ≥ 25 612 of 851 = 0.719154, under 25 88 of 149 = 0.590604 → SPD −0.128550, DI 0.590604 / 0.719154 = 0.821248.
    // Sex (attribute 9: A92, A95 female): female 201 of 310 = 0.648387, male 499 of 690 = 0.723188
    // → SPD −0.074801, DI 0.896567 (awk: count $9 in {A92, A95} and $21 == 1).
    const perfect = (good: number, n: number): ConfusionCounts => ({ tp: good, fn: 0, fp: 0, tn: n - good });
    const age = groupMetrics({
      byGroup: new Map([
        ["25+", perfect(612, 851)],
        ["under25", perfect(88, 149)],
      ]),
      privileged: "25+",
    });
    expect(age.statisticalParityDifference).toBeCloseTo(-0.12855, 5);
    expect(age.disparateImpact).toBeCloseTo(0.821248, 6);
    expect(baseRate(perfect(88, 149))! - baseRate(perfect(612, 851))!).toBeCloseTo(
      age.statisticalParityDifference!,
      12,
    );
    expect([age.equalOpportunityDifference, age.averageOddsDifference, age.theilIndex]).toEqual([0, 0, 0]);
    const sex = groupMetrics({
      byGroup: new Map([
        ["male", perfect(499, 690)],
        ["female", perfect(201, 310)],
      ]),
      privileged: "male",
    });
    expect(sex.statisticalParityDifference).toBeCloseTo(-0.074801, 6);
    expect(sex.disparateImpact).toBeCloseTo(0.896567, 6);
  });
});

describe("per-group rates", () => {
  it("are Fairlearn's selection rate, TPR, FPR and AIF360's base rate", () => {
    const counts = { tp: 3, fp: 1, fn: 2, tn: 4 };
    expect([selectionRate(counts), truePositiveRate(counts), falsePositiveRate(counts), baseRate(counts)]).toEqual([
      0.4, 0.6, 0.2, 0.5,
    ]);
  });
});
