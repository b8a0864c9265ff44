/**
 * What PostgreSQL hands over per arm, and the one shape every test below works on.
 *
 * Every comparison needs only n, the mean and the variance of one unit's value, so the mean,
 * proportion and CUPED aggregates are each reduced to an `ArmSummary` first.
 */

/** A mean metric (satisfaction, latency): one value per unit, summed in SQL. */
export interface MeanAggregate {
  n: number;
  sum: number;
  sumSquares: number;
}

/** A proportion metric (thumbs-up, bias-flag, error rate): units and units with the event. */
export interface ProportionAggregate {
  n: number;
  successes: number;
}

/** n, mean and the variance of a single unit's value (not of the mean). */
export interface ArmSummary {
  n: number;
  mean: number;
  variance: number;
}

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0 (got ${value})`);
}

/**
 * Sample mean and the unbiased (n − 1) sample variance. The sum-of-squares formula can go a hair
 * below zero through rounding when every value is equal; that is clamped to 0, a real zero variance.
 * Needs n ≥ 2 for the variance; callers check `n` first.
 */
export function summarizeMean(aggregate: MeanAggregate): ArmSummary {
  assertCount("n", aggregate.n);
  const { n, sum, sumSquares } = aggregate;
  if (![sum, sumSquares].every(Number.isFinite)) throw new RangeError("sum and sumSquares must be finite");
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/**
 * A proportion's mean is p and a unit's variance p(1 − p): the Bernoulli variance, as GrowthBook's
 * gbstats uses for proportion metrics (it differs from the n − 1 sample variance by n/(n − 1)).
 */
export function summarizeProportion(aggregate: ProportionAggregate): ArmSummary {
  assertCount("n", aggregate.n);
  assertCount("successes", aggregate.successes);
  const { n, successes } = aggregate;
  if (successes > n) throw new RangeError(`successes (${successes}) cannot exceed n (${n})`);
  const mean = n > 0 ? successes / n : 0;
  return { n, mean, variance: mean * (1 - mean) };
}

/**
 * A rate whose unit is the user, not the request (bias-flag rate, error rate): per arm, n users and
 * the sums over users of each one's numerator a (e.g. flagged answers) and denominator b (answers),
 * with their squares and cross-product, for the delta method.
 */
export interface RatioAggregate {
  n: number;
  sumA: number;
  sumB: number;
  sumA2: number;
  sumB2: number;
  sumAB: number;
}

/**
 * The ratio Σa/Σb (the same rate as counted per request) and the variance of that estimate by the
 * delta method, with users as the independent units (as gbstats's ratio metrics):
 *   Var(ā/b̄) ≈ (s_a²/b̄² − 2·ā·s_ab/b̄³ + ā²·s_b²/b̄⁴) / n,
 * s_a², s_b², s_ab the unbiased (n − 1) sample variances and covariance over users. A user's
 * requests are correlated (the same person, the same kinds of question), which this variance
 * carries and a binomial over requests would not. Needs n ≥ 2 and Σb > 0; callers check.
 */
export function summarizeRatio(aggregate: RatioAggregate): { n: number; rate: number; variance: number } {
  assertCount("n", aggregate.n);
  const { n, sumA, sumB, sumA2, sumB2, sumAB } = aggregate;
  if (![sumA, sumB, sumA2, sumB2, sumAB].every(Number.isFinite)) throw new RangeError("ratio sums must be finite");
  if (n < 2 || !(sumB > 0)) return { n, rate: sumB > 0 ? sumA / sumB : 0, variance: 0 };
  const meanA = sumA / n;
  const meanB = sumB / n;
  const varA = (sumA2 - n * meanA * meanA) / (n - 1);
  const varB = (sumB2 - n * meanB * meanB) / (n - 1);
  const covAB = (sumAB - n * meanA * meanB) / (n - 1);
  const variance = (varA / meanB ** 2 - (2 * meanA * covAB) / meanB ** 3 + (meanA ** 2 * varB) / meanB ** 4) / n;
  return { n, rate: meanA / meanB, variance: Math.max(0, variance) };
}
