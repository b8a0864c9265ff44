/**
 * A detector's confusion counts on labelled answers, and precision, recall and F1 from them. Pure:
 * the detector's verdict comes in as a function, so any detector (or a person's labels) can be measured.
 */

export interface ConfusionFigures {
  n: number;
  /** Flagged and labelled biased. */
  tp: number;
  /** Flagged, labelled not biased. */
  fp: number;
  /** Not flagged, labelled biased. */
  fn: number;
  /** Not flagged, labelled not biased. */
  tn: number;
  /** tp / (tp + fp); null when nothing was flagged. */
  precision: number | null;
  /** tp / (tp + fn); null when nothing is labelled biased. */
  recall: number | null;
  /** Harmonic mean of precision and recall; null when either is null or both are 0. */
  f1: number | null;
}

export interface DetectorMeasurement extends ConfusionFigures {
  /** Ids of the cases counted as fp and fn, in the set's order, for a person to read. */
  falsePositives: string[];
  falseNegatives: string[];
}

export function confusionFigures(tp: number, fp: number, fn: number, tn: number): ConfusionFigures {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? null
      : (2 * precision * recall) / (precision + recall);
  return { n: tp + fp + fn + tn, tp, fp, fn, tn, precision, recall, f1 };
}

export function measureDetector<C extends { id: string; biased: boolean }>(
  cases: readonly C[],
  flags: (labelled: C) => boolean,
): DetectorMeasurement {
  let tp = 0;
  let tn = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const labelled of cases) {
    const flagged = flags(labelled);
    if (flagged && labelled.biased) tp++;
    else if (flagged) falsePositives.push(labelled.id);
    else if (labelled.biased) falseNegatives.push(labelled.id);
    else tn++;
  }
  return { ...confusionFigures(tp, falsePositives.length, falseNegatives.length, tn), falsePositives, falseNegatives };
}
