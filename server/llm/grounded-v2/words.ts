/** How v2 writes numbers and lists, so every sentence spells them the same way. */

export const dollars = (value: number) => `$${Math.round(value).toLocaleString("en-US")}`;

/** Percentages to one decimal at most: "20%", "20.3%". */
export const pct = (value: number) => `${Math.round(value * 10) / 10}%`;

/** "1 loan", "3 loans". */
export const loans = (n: number) => `${n} ${n === 1 ? "loan" : "loans"}`;

/** "was" / "were" for a count. */
export const was = (n: number) => (n === 1 ? "was" : "were");

/** "a", "a and b", "a, b and c". */
export function list(items: string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

/** A range of values, collapsed to one value when it is one: "$5,000–$12,000", "20%". */
export function span(low: number, high: number, format: (value: number) => string): string {
  const a = format(low);
  const b = format(high);
  return a === b ? a : `${a}–${b}`;
}

/** "36 months". */
export const months = (term: number) => `${term} months`;

/** Sentences start with a capital letter even when built from a lower-case phrase. */
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
