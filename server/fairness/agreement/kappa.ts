/**
 * Agreement between people who judged the same items into categories, beyond what chance would
 * give. Pure: reviewers' judgements of blinded audit pairs go in as ratings (fairness-audits
 * reads them), and the same functions serve any categories.
 */

export interface Agreement {
  /** Items counted: rated by both raters (Cohen) or by at least two (Fleiss). */
  n: number;
  /** Observed agreement in [0, 1]; null with no items. */
  percentAgreement: number | null;
  /**
   * Chance-corrected agreement; null with no items, or when chance agreement is already 1 (every
   * rating in one category): κ is 0/0 there, and reporting 1 or 0 would claim what the data cannot say.
   */
  kappa: number | null;
}

const NONE: Agreement = { n: 0, percentAgreement: null, kappa: null };

const corrected = (observed: number, chance: number) => (chance >= 1 ? null : (observed - chance) / (1 - chance));

/**
 * Cohen's kappa (Cohen 1960) of two raters over the items both rated, each given as the pair
 * [rater 1's category, rater 2's category]: κ = (p_o − p_e) / (1 − p_e), with p_o the share of
 * items they agree on and p_e = Σ_k p₁(k)·p₂(k) from each rater's own marginals.
 */
export function cohenKappa<T>(ratings: readonly (readonly [T, T])[]): Agreement {
  const n = ratings.length;
  if (n === 0) return NONE;
  const first = new Map<T, number>();
  const second = new Map<T, number>();
  let agreed = 0;
  for (const [a, b] of ratings) {
    if (a === b) agreed += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = agreed / n;
  let chance = 0;
  for (const [category, count] of first) chance += (count / n) * ((second.get(category) ?? 0) / n);
  return { n, percentAgreement: observed, kappa: corrected(observed, chance) };
}

/**
 * Fleiss' kappa (Fleiss 1971) from a table of counts: one row per item, one column per category,
 * each cell how many raters put the item in that category. Rows may have different totals (not
 * every reviewer judges every pair); rows with fewer than two ratings carry no agreement and are
 * left out. With totals nᵢ: Pᵢ = Σ_j nᵢⱼ(nᵢⱼ − 1) / (nᵢ(nᵢ − 1)) is the share of agreeing rater
 * pairs on item i, P̄ their mean (the percent agreement), p_j = Σᵢ nᵢⱼ / Σᵢ nᵢ the share of all
 * ratings in category j and P_e = Σ_j p_j²; κ = (P̄ − P_e) / (1 − P_e). With equal totals this is
 * Fleiss' formula exactly; with two raters per item it is Scott's pi.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): Agreement {
  const rows = counts.filter((row) => total(row) >= 2);
  if (rows.length === 0) return NONE;
  for (const row of rows)
    if (row.some((cell) => !Number.isInteger(cell) || cell < 0))
      throw new Error(`rating counts must be whole numbers ≥ 0, not [${row.join(", ")}]`);
  const categories = Math.max(...rows.map((row) => row.length));
  let observedSum = 0;
  let ratings = 0;
  const perCategory = new Array<number>(categories).fill(0);
  for (const row of rows) {
    const ni = total(row);
    observedSum += row.reduce((sum, nij) => sum + nij * (nij - 1), 0) / (ni * (ni - 1));
    ratings += ni;
    row.forEach((nij, j) => (perCategory[j]! += nij));
  }
  const observed = observedSum / rows.length;
  const chance = perCategory.reduce((sum, count) => sum + (count / ratings) ** 2, 0);
  return { n: rows.length, percentAgreement: observed, kappa: corrected(observed, chance) };
}

const total = (row: readonly number[]) => row.reduce((sum, cell) => sum + cell, 0);

/** Each item's ratings (any number of raters) as the count table fleissKappa takes, columns in `categories` order. */
export function countTable<T>(items: readonly (readonly T[])[], categories: readonly T[]): number[][] {
  return items.map((ratings) => {
    const row = categories.map(() => 0);
    for (const rating of ratings) {
      const column = categories.indexOf(rating);
      if (column < 0) throw new Error(`rating ${String(rating)} is not one of ${categories.join(", ")}`);
      row[column]! += 1;
    }
    return row;
  });
}
