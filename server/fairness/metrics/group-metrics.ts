import { falsePositiveRate, selectionRate, sumCounts, truePositiveRate, type ConfusionCounts } from "./counts";
import { theilIndex } from "./theil";

/** Counts per actual value of the group column; the privileged value is one of the keys. */
export interface GroupedCounts {
  byGroup: ReadonlyMap<string, ConfusionCounts>;
  privileged: string;
}

/** The four-fifths (80 %) rule of the US Uniform Guidelines: disparate impact below 0.8 is flagged. */
export const FOUR_FIFTHS = 0.8;

export interface GroupMetrics {
  // AIF360 (ClassificationMetric), signed: unprivileged minus (or over) privileged.
  statisticalParityDifference: number | null;
  disparateImpact: number | null;
  equalOpportunityDifference: number | null;
  averageOddsDifference: number | null;
  falsePositiveRateDifference: number | null;
  truePositiveRateDifference: number | null;
  theilIndex: number | null;
  // Fairlearn, unsigned, over every actual group value (between-group max − min, min / max).
  demographicParityDifference: number | null;
  demographicParityRatio: number | null;
  equalizedOddsDifference: number | null;
}

const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** The unprivileged side: every row whose group value is not the privileged one, pooled. */
export function privilegedAndUnprivileged({ byGroup, privileged }: GroupedCounts): {
  privileged: ConfusionCounts;
  unprivileged: ConfusionCounts;
} {
  const others = [...byGroup].filter(([group]) => group !== privileged).map(([, counts]) => counts);
  return { privileged: sumCounts([byGroup.get(privileged) ?? sumCounts([])]), unprivileged: sumCounts(others) };
}

/** max − min and min / max of the defined values (Fairlearn's between_groups aggregation). */
function spread(values: (number | null)[]): { difference: number | null; ratio: number | null } {
  const defined = values.filter((value): value is number => value !== null);
  if (defined.length === 0) return { difference: null, ratio: null };
  const max = Math.max(...defined);
  const min = Math.min(...defined);
  return { difference: max - min, ratio: max === 0 ? null : min / max };
}

export function groupMetrics(grouped: GroupedCounts): GroupMetrics {
  const { privileged, unprivileged } = privilegedAndUnprivileged(grouped);
  const selectionP = selectionRate(privileged);
  const selectionU = selectionRate(unprivileged);
  const tprDifference = difference(truePositiveRate(unprivileged), truePositiveRate(privileged));
  const fprDifference = difference(falsePositiveRate(unprivileged), falsePositiveRate(privileged));

  const groups = [...grouped.byGroup.values()];
  const selection = spread(groups.map(selectionRate));
  const tprSpread = spread(groups.map(truePositiveRate)).difference;
  const fprSpread = spread(groups.map(falsePositiveRate)).difference;
  const eitherSpread = [tprSpread, fprSpread].filter((value): value is number => value !== null);

  return {
    statisticalParityDifference: difference(selectionU, selectionP),
    disparateImpact: selectionU === null || !selectionP ? null : selectionU / selectionP,
    equalOpportunityDifference: tprDifference,
    // AIF360: ½[(FPR_u − FPR_p) + (TPR_u − TPR_p)]; its two parts are reported too, since they can cancel.
    averageOddsDifference:
      tprDifference === null || fprDifference === null ? null : (fprDifference + tprDifference) / 2,
    falsePositiveRateDifference: fprDifference,
    truePositiveRateDifference: tprDifference,
    theilIndex: theilIndex(sumCounts(groups)),
    demographicParityDifference: selection.difference,
    demographicParityRatio: selection.ratio,
    // Fairlearn's equalized_odds_difference (agg "worst_case"): the larger of the TPR and FPR spreads.
    equalizedOddsDifference: eitherSpread.length === 0 ? null : Math.max(...eitherSpread),
  };
}

/** True when disparate impact is below four fifths; null when it is undefined. */
export const failsFourFifths = (disparateImpact: number | null) =>
  disparateImpact === null ? null : disparateImpact < FOUR_FIFTHS;
