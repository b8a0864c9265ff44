import { checkBias } from "../detector";
import type { BiasDetector, BiasPolicy } from "../types";
import { loadBiasLabels, type LoadedBiasLabels } from "./load";
import { measureDetector, type DetectorMeasurement } from "./measure";

export interface LabelledSetEvaluation extends DetectorMeasurement {
  setVersion: string;
  setSha256: string;
  detector: BiasDetector;
  threshold: number;
  /** The cases written after the detector's last change: the figure that is not a fit to its own cases. */
  heldOut: DetectorMeasurement & { round: number };
}

/** The detector of `policy` on every case of the set (by default the shipped one): flagged or not, against the label. */
export function evaluateOnLabelledSet(
  policy: BiasPolicy,
  labels: LoadedBiasLabels = loadBiasLabels(),
): LabelledSetEvaluation {
  const flags = (c: { question: string; advice: string }) => checkBias(c.advice, policy, c.question).flagged;
  const { cases, heldOutRound } = labels.set;
  return {
    setVersion: labels.version,
    setSha256: labels.sha256,
    detector: policy.detector ?? "lexical-v1",
    threshold: policy.threshold,
    ...measureDetector(cases, flags),
    heldOut: {
      round: heldOutRound,
      ...measureDetector(
        cases.filter((c) => c.round === heldOutRound),
        flags,
      ),
    },
  };
}
