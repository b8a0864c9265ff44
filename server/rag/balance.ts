import type { QuestionFacets } from "../question";
import type { RetrievedProfile } from "./retrieved";

/**
 * A comparison ("36 or 60 months?", "$10k or $15k?") needs loans of each option to compare. From
 * candidates best first, take the best of each option in turn until k are taken, so every option
 * the corpus holds is represented; without compared options, the best k as they are.
 */
export function balancedByOption(ranked: RetrievedProfile[], facets: QuestionFacets, k: number): RetrievedProfile[] {
  const optionOf = optionReader(facets);
  if (!optionOf) return ranked.slice(0, k);
  const queues = new Map<number, RetrievedProfile[]>();
  for (const profile of ranked) {
    const option = optionOf(profile);
    if (option !== null) queues.set(option, [...(queues.get(option) ?? []), profile]);
  }
  const taken: RetrievedProfile[] = [];
  while (taken.length < k && [...queues.values()].some((queue) => queue.length > 0)) {
    for (const queue of queues.values()) {
      const next = queue.shift();
      if (next && taken.length < k) taken.push(next);
    }
  }
  // Too few loans of the options themselves: the rest of the best candidates fill up.
  for (const profile of ranked) if (taken.length < k && !taken.includes(profile)) taken.push(profile);
  return taken;
}

/** Which compared option a loan belongs to: its term, or the compared amount nearest its own. */
function optionReader(facets: QuestionFacets): ((profile: RetrievedProfile) => number | null) | null {
  if (facets.termsCompared) {
    const terms = facets.termsCompared;
    return (profile) => {
      const term = Number.parseInt(String(profile.fields.term ?? ""), 10);
      return terms.includes(term) ? term : null;
    };
  }
  if (facets.amountsCompared) {
    const amounts = facets.amountsCompared;
    return (profile) => {
      const amount = Number(profile.fields.loan_amnt);
      if (!Number.isFinite(amount)) return null;
      return amounts.reduce((best, option) => (Math.abs(option - amount) < Math.abs(best - amount) ? option : best));
    };
  }
  return null;
}
