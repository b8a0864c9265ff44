/**
 * Holm's step-down adjustment (Holm 1979): controls the family-wise error rate like Bonferroni but
 * is uniformly more powerful. Sort p ascending, p_(1) ≤ … ≤ p_(m); the adjusted value is
 *   p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) · p_(j)),
 * the running maximum keeping the adjusted values in the same order as the raw ones. Returns the
 * adjusted values in the input order (the same definition as R's p.adjust(p, "holm")).
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must lie in [0, 1] (got ${p})`);
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  for (const [rank, { p, index }] of order.entries()) {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * p));
    adjusted[index] = runningMax;
  }
  return adjusted;
}
