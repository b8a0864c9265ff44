import {
  biasScoreRise,
  flagRateDoubled,
  fourFifthsBreaches,
  raiseBiasAlert,
  WINDOW_DAYS,
  type AlertFinding,
  type BiasAlert,
} from "../bias";
import { logger } from "../logger";
import { PRODUCTION } from "../registry";
import { biasTrends } from "./bias-trends";
import { decisionsByGroup } from "./decisions-by-group";

const log = logger.child("bias-monitor");

/**
 * Evaluates the bias alert rules (a)–(c) over the stored answers and raises what they find (the
 * worker runs it every 15 minutes). The window of an alert is the UTC day evaluated: a condition
 * that persists raises again the next day, once, so acknowledging an alert does not silence a
 * regression for good; (c) counts every logged decision of the release, as the Bias page does.
 *
 * (a) and (b) also watch production as one series, whichever releases served it: a release
 * promoted with a bias has no earlier week of its own to rise from, so per release it would
 * pass unnoticed, while production's week before it was the previous release's answers.
 */
export async function evaluateBiasAlerts(now = new Date()): Promise<BiasAlert[]> {
  const asOf = now.toISOString().slice(0, 10);
  const [points, production] = await Promise.all([
    biasTrends({ days: 2 * WINDOW_DAYS, now }),
    biasTrends({ days: 2 * WINDOW_DAYS, now, production: true }),
  ]);
  const series = [
    ...[...new Set(points.map((p) => p.release))].sort().map((release) => ({
      name: release,
      points: points.filter((p) => p.release === release),
    })),
    { name: PRODUCTION, points: production },
  ];
  const findings: AlertFinding[] = [];
  for (const { name, points: own } of series) {
    for (const rule of [biasScoreRise, flagRateDoubled]) {
      const finding = rule(name, own, asOf);
      if (finding) findings.push(finding);
    }
  }
  for (const { release, attributes } of await decisionsByGroup()) {
    const finding = fourFifthsBreaches(release, attributes);
    if (finding) findings.push(finding);
  }
  const raised: BiasAlert[] = [];
  for (const finding of findings) {
    const row = await raiseBiasAlert(finding, asOf);
    if (row) raised.push(row);
  }
  if (raised.length) log.info("bias alerts evaluated", { asOf, raised: raised.map((r) => r.id) });
  return raised;
}
