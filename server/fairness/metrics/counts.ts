/**
 * What every group metric is computed from: per group, how many rows had each (label, prediction)
 * pair. Favorable is 1, so tp = (y 1, ŷ 1), fn = (y 1, ŷ 0), fp = (y 0, ŷ 1), tn = (y 0, ŷ 0).
 * Four numbers per group are a sufficient statistic for every metric here (Theil's bᵢ = ŷᵢ − yᵢ + 1
 * is 2 for fp, 0 for fn and 1 otherwise), so a million rows never need a million-row array.
 */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export const emptyCounts = (): ConfusionCounts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });

export function addCounts(a: ConfusionCounts, b: ConfusionCounts): ConfusionCounts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

export function sumCounts(all: Iterable<ConfusionCounts>): ConfusionCounts {
  let total = emptyCounts();
  for (const counts of all) total = addCounts(total, counts);
  return total;
}

export const rowCount = (c: ConfusionCounts) => c.tp + c.fp + c.fn + c.tn;

/** a / b, or null where the rate is undefined (AIF360 and Fairlearn give NaN there). */
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** P(ŷ = 1): Fairlearn's selection_rate, AIF360's num_pos_predictions / num_instances. */
export const selectionRate = (c: ConfusionCounts) => ratio(c.tp + c.fp, rowCount(c));
/** P(ŷ = 1 | y = 1). */
export const truePositiveRate = (c: ConfusionCounts) => ratio(c.tp, c.tp + c.fn);
/** P(ŷ = 1 | y = 0). */
export const falsePositiveRate = (c: ConfusionCounts) => ratio(c.fp, c.fp + c.tn);
/** P(y = 1): AIF360's base_rate. */
export const baseRate = (c: ConfusionCounts) => ratio(c.tp + c.fn, rowCount(c));

/** Counts of (y, ŷ) pairs as 0/1 arrays give them; for tests and small inputs. */
export function countsOf(labels: readonly number[], predictions: readonly number[]): ConfusionCounts {
  if (labels.length !== predictions.length) throw new Error("labels and predictions differ in length");
  const counts = emptyCounts();
  labels.forEach((y, i) => {
    const yHat = predictions[i];
    if (y === 1) counts[yHat === 1 ? "tp" : "fn"]++;
    else counts[yHat === 1 ? "fp" : "tn"]++;
  });
  return counts;
}
