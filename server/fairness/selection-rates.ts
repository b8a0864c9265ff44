import { FOUR_FIFTHS } from "./metrics/group-metrics";
/**
 * Selection rates per group and disparate impact against a reference group, over counts of
 * favorable decisions: the small piece the console's "Decisions by group" needs. Disparate impact
 * follows AIF360's definition and sign, P(favorable | unprivileged) / P(favorable | privileged),
 * with the four-fifths rule (EEOC Uniform Guidelines, 29 CFR 1607.4(D)): a ratio below 0.8 is
 * flagged. The reference ("privileged") group is the one named, or else the most favoured: the
 * group with the highest selection rate, so every other group's ratio is at most 1.
 */

export interface GroupCount {
  group: string;
  favorable: number;
  total: number;
}

export interface GroupRate extends GroupCount {
  /** favorable / total. */
  selectionRate: number;
  /** selectionRate / the reference group's; null when the reference selects no one (0/0 or x/0). */
  disparateImpact: number | null;
  /** disparateImpact < 0.8. */
  fourFifthsFlag: boolean;
  isReference: boolean;
}

export function selectionRates(
  counts: GroupCount[],
  privileged?: string,
): { reference: string | null; groups: GroupRate[] } {
  const rated = counts
    .filter((c) => c.total > 0)
    .map((c) => ({ ...c, selectionRate: c.favorable / c.total }))
    .sort((a, b) => a.group.localeCompare(b.group));
  const named = privileged !== undefined ? rated.find((c) => c.group === privileged) : undefined;
  // Ties for the most favoured go to the first group by name, so the choice is stable.
  const reference =
    named ??
    rated.reduce<(typeof rated)[number] | undefined>(
      (best, c) => (!best || c.selectionRate > best.selectionRate ? c : best),
      undefined,
    );
  return {
    reference: reference?.group ?? null,
    groups: rated.map((c) => {
      // From the counts, so 16/50 against 20/50 is exactly 0.8 (the rates' quotient is 0.7999…).
      const disparateImpact =
        reference && reference.favorable > 0 ? (c.favorable * reference.total) / (c.total * reference.favorable) : null;
      return {
        ...c,
        disparateImpact,
        fourFifthsFlag: disparateImpact !== null && disparateImpact < FOUR_FIFTHS,
        isReference: c.group === reference?.group,
      };
    }),
  };
}
