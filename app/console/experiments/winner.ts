import type { Results } from "./types";

/**
 * The arm the ship dialog proposes: the treatment with the highest chance to win on the primary
 * metric, or arm 1 while no arm has enough data. Only a proposal: the person chooses.
 */
export function proposedWinner(results: Pick<Results, "analysis" | "experiment">): number {
  const primary = results.analysis.metrics.find((metric) => metric.name === results.experiment.primaryMetric);
  let best = { arm: 1, chance: -1 };
  for (const comparison of primary?.vsControl ?? []) {
    if (comparison.status === "ok" && comparison.chanceToWin > best.chance)
      best = { arm: comparison.arm, chance: comparison.chanceToWin };
  }
  return best.arm;
}
