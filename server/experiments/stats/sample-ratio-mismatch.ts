import { chiSquareSurvival } from "./distributions";

export type SrmStatus = "ok" | "warning" | "alert" | "not-enough-data";

export interface SrmResult {
  status: SrmStatus;
  chiSquare: number | null;
  degreesOfFreedom: number;
  pValue: number | null;
  /**
   * Users expected per arm (same order as the input): from the weights, or with weight epochs the
   * sum over epochs of each epoch's exposures split by that epoch's weights.
   */
  expected: number[];
  reason: string;
}

/** The users first exposed while one split was in effect, and that split (control first). */
export interface WeightEpoch {
  weights: number[];
  /** Users whose exposure fell in this epoch, per arm. */
  users: number[];
}

export const SRM_WARNING_P = 0.01;
export const SRM_ALERT_P = 0.001;

/**
 * Sample-ratio mismatch: Pearson's chi-square goodness of fit of users per arm against the
 * configured weights, χ² = Σ (observed − expected)²/expected with k − 1 degrees of freedom.
 * A mismatch means assignment or logging is broken, so the other figures cannot be trusted:
 * `warning` at p < 0.01, `alert` at p < 0.001 (the thresholds GrowthBook also uses by default).
 * Weights are normalised, so [50, 50] and [0.5, 0.5] are the same.
 */
export function sampleRatioMismatch(users: number[], weights: number[]): SrmResult {
  return sampleRatioMismatchByEpoch([{ weights, users }]);
}

const shares = (values: readonly number[]) => {
  const total = values.reduce((sum, v) => sum + v, 0);
  return values.map((v) => `${((100 * v) / total).toFixed(1)} %`).join(" / ");
};

/**
 * The same check when the weights changed during the experiment (`updateWeights`). Assignment is
 * sticky, so a weight change only splits the users exposed from then on: each epoch's new
 * exposures are compared with the weights in effect during that epoch, never with today's.
 *
 * The statistic is per epoch, summed: χ² = Σ_epochs Σ_arms (O − E)²/E with (k − 1) degrees of
 * freedom per epoch that has users. Each epoch's users are an independent multinomial draw, so
 * under "assignment follows the weights" the sum is χ² with the summed degrees of freedom. Chosen
 * over one χ² of the pooled counts against the pooled expected counts, which (a) is conservative
 * (the pooled counts vary less than a single multinomial with the averaged weights, so p is too
 * large) and (b) cannot see opposite mismatches in two epochs that cancel when pooled. `expected`
 * reports the pooled expected counts, which is what the console shows beside the observed ones.
 * With one epoch this is exactly `sampleRatioMismatch`.
 */
export function sampleRatioMismatchByEpoch(epochs: readonly WeightEpoch[]): SrmResult {
  if (epochs.length === 0) throw new RangeError("needs at least one weight epoch");
  const arms = epochs[0]!.weights.length;
  for (const epoch of epochs) {
    if (epoch.users.length !== arms || epoch.weights.length !== arms)
      throw new RangeError("users and weights need one entry per arm, in every epoch");
    const weightTotal = epoch.weights.reduce((sum, w) => sum + w, 0);
    if (epoch.weights.some((w) => !(w >= 0)) || !(weightTotal > 0))
      throw new RangeError("weights must be ≥ 0 and not all 0");
  }
  const observed = Array.from({ length: arms }, (_, i) => epochs.reduce((sum, e) => sum + e.users[i]!, 0));
  const total = observed.reduce((sum, u) => sum + u, 0);
  const perEpoch = epochs.map((epoch) => {
    const epochUsers = epoch.users.reduce((sum, u) => sum + u, 0);
    const weightTotal = epoch.weights.reduce((sum, w) => sum + w, 0);
    return { ...epoch, epochUsers, expected: epoch.weights.map((w) => (epochUsers * w) / weightTotal) };
  });
  const expected = Array.from({ length: arms }, (_, i) => perEpoch.reduce((sum, e) => sum + e.expected[i]!, 0));
  const populated = perEpoch.filter((e) => e.epochUsers > 0);
  const degreesOfFreedom = (arms - 1) * Math.max(1, populated.length);
  const empty = { chiSquare: null, degreesOfFreedom, pValue: null, expected };
  if (arms < 2) return { status: "not-enough-data", ...empty, reason: "needs at least two arms" };
  if (total === 0) return { status: "not-enough-data", ...empty, reason: "no users yet" };

  let chiSquare = 0;
  for (const epoch of populated) {
    for (const [i, o] of epoch.users.entries()) {
      const e = epoch.expected[i]!;
      if (e === 0) {
        // An arm with weight 0 that still gets users is a mismatch no p-value is needed for.
        if (o > 0) {
          return {
            status: "alert",
            chiSquare: Infinity,
            degreesOfFreedom,
            pValue: 0,
            expected,
            reason: `arm ${i} has weight 0 but ${o} users${epochs.length > 1 ? " exposed while it had" : ""}`,
          };
        }
        continue;
      }
      chiSquare += (o - e) ** 2 / e;
    }
  }
  const pValue = chiSquareSurvival(chiSquare, degreesOfFreedom);
  const status: SrmStatus = pValue < SRM_ALERT_P ? "alert" : pValue < SRM_WARNING_P ? "warning" : "ok";
  const observedShares = shares(observed);
  // One split: name it. Several: the pooled expectation stands for them (its shares are what the weights predict).
  const expectedShares = epochs.length === 1 ? shares(epochs[0]!.weights) : shares(expected);
  const against =
    epochs.length === 1 ? "the weights" : `the weights in effect at each exposure (${epochs.length} splits)`;
  const reason =
    status === "ok"
      ? `users per arm (${observedShares}) are consistent with ${against} (p = ${pValue.toPrecision(3)})`
      : `users per arm (${observedShares}) differ from ${against} (${expectedShares}); p = ${pValue.toExponential(2)}: check assignment and exposure logging before trusting results`;
  return { status, chiSquare, degreesOfFreedom, pValue, expected, reason };
}
