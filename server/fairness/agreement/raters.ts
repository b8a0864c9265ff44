import { cohenKappa, countTable, fleissKappa, type Agreement } from "./kappa";

/** One rater's category for one item. */
export interface Rating<T> {
  item: string | number;
  rater: string;
  category: T;
}

export interface RaterPairAgreement extends Agreement {
  /** The two raters, in sorted order. */
  raters: [string, string];
}

export interface RatersAgreement {
  raters: number;
  ratings: number;
  /** Items with at least one rating. */
  items: number;
  /** Fleiss' kappa over the items at least two raters rated (n is how many). */
  fleiss: Agreement;
  /** Cohen's kappa for every two raters who rated an item in common, over those items. */
  cohen: RaterPairAgreement[];
}

/**
 * Agreement among whoever rated what: Fleiss over every item with two ratings or more, and Cohen
 * for each pair of raters on the items they share (with exactly two raters, the one Cohen figure
 * is the usual two-reviewer kappa). A rater rates an item once; a second rating is refused here
 * too, since it would count the rater as agreeing with themselves.
 */
export function ratersAgreement<T>(ratings: readonly Rating<T>[], categories: readonly T[]): RatersAgreement {
  const byItem = new Map<string | number, Map<string, T>>();
  for (const { item, rater, category } of ratings) {
    const raters = byItem.get(item) ?? new Map<string, T>();
    if (raters.has(rater)) throw new Error(`${rater} rated item ${String(item)} twice`);
    byItem.set(item, raters.set(rater, category));
  }
  const items = [...byItem.values()];
  const names = [...new Set(ratings.map((rating) => rating.rater))].sort();
  const cohen: RaterPairAgreement[] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i]!, names[j]!];
      const shared = items.filter((raters) => raters.has(a) && raters.has(b));
      if (shared.length > 0)
        cohen.push({
          raters: [a, b],
          ...cohenKappa(shared.map((raters) => [raters.get(a)!, raters.get(b)!] as const)),
        });
    }
  return {
    raters: names.length,
    ratings: ratings.length,
    items: items.length,
    fleiss: fleissKappa(
      countTable(
        items.map((raters) => [...raters.values()]),
        categories,
      ),
    ),
    cohen,
  };
}
