import { selectionRates, type GroupCount } from "../fairness";

/**
 * When a release's behaviour towards borrowers raises a fairness alert: pure functions over the
 * daily trend rows and the group counts, so the worker's evaluation and the tests read the same
 * rules. The Prometheus rules in deploy/prometheus/alerts.yml state the same conditions over the
 * exported metrics (apfa_bias_score, apfa_bias_flags_total); keep the two in step.
 */

export type BiasAlertKind = "bias_score_rise" | "flag_rate_doubled" | "four_fifths" | "audit_failed";

/** (a) The 7-day mean bias score must rise by more than this over the previous 7 days. */
export const BIAS_RISE_THRESHOLD = 0.1;
/** Days in each of the two windows compared. */
export const WINDOW_DAYS = 7;
/**
 * Scored answers each window needs before its mean or flag rate is compared: below it one odd
 * answer moves the mean by more than the threshold, and a new release would alert on its first day.
 */
export const MIN_WINDOW_ANSWERS = 20;
/**
 * (b) Flags the current window needs before a doubling counts: 1 → 2 flags doubles the rate but
 * says nothing; 5 flags in a week is a pattern worth a look even from a clean previous week.
 */
export const MIN_WINDOW_FLAGS = 5;
/** (c) Answers a group needs before its selection rate is compared with the reference group's. */
export const MIN_GROUP_ANSWERS = 30;

/** One release's answers on one UTC day: the rows of `bias trends`. */
export interface BiasTrendPoint {
  /** YYYY-MM-DD, UTC. */
  day: string;
  release: string;
  /** Answered requests with a bias score. */
  requests: number;
  meanScore: number;
  /** Flagged answers / requests. */
  flagRate: number;
}

export interface WindowFigures {
  requests: number;
  meanScore: number | null;
  flags: number;
  flagRate: number | null;
}

export interface AlertFinding {
  kind: BiasAlertKind;
  release: string;
  metric: string;
  value: number;
  threshold: number;
  message: string;
  details: Record<string, unknown>;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** Differences of means are compared at 1e-9: 0.4 − 0.3 is 0.10000000000000003 in floating point. */
const clean = (x: number) => Math.round(x * 1e9) / 1e9;

/** Sums one release's days with `from ≤ day ≤ to` (day numbers) into a window's figures. */
function windowOf(points: BiasTrendPoint[], from: number, to: number): WindowFigures {
  let requests = 0;
  let scoreSum = 0;
  let flags = 0;
  for (const p of points) {
    const d = dayNumber(p.day);
    if (d < from || d > to) continue;
    requests += p.requests;
    scoreSum += p.meanScore * p.requests;
    flags += Math.round(p.flagRate * p.requests);
  }
  return {
    requests,
    meanScore: requests ? scoreSum / requests : null,
    flags,
    flagRate: requests ? flags / requests : null,
  };
}

/** The current window (the 7 days ending with `asOf`, inclusive) and the 7 days before it. */
export function windows(points: BiasTrendPoint[], asOf: string): { current: WindowFigures; previous: WindowFigures } {
  const end = dayNumber(asOf);
  return {
    current: windowOf(points, end - WINDOW_DAYS + 1, end),
    previous: windowOf(points, end - 2 * WINDOW_DAYS + 1, end - WINDOW_DAYS),
  };
}

/** (a) The release's 7-day mean bias score rose by more than 0.1 over the previous 7 days. */
export function biasScoreRise(release: string, points: BiasTrendPoint[], asOf: string): AlertFinding | null {
  const { current, previous } = windows(points, asOf);
  if (current.requests < MIN_WINDOW_ANSWERS || previous.requests < MIN_WINDOW_ANSWERS) return null;
  const rise = clean(current.meanScore! - previous.meanScore!);
  if (!(rise > BIAS_RISE_THRESHOLD)) return null;
  return {
    kind: "bias_score_rise",
    release,
    metric: "7-day mean bias score rise",
    value: rise,
    threshold: BIAS_RISE_THRESHOLD,
    message: `The 7-day mean bias score of ${release} rose from ${previous.meanScore!.toFixed(3)} to ${current.meanScore!.toFixed(3)} (+${rise.toFixed(3)}, more than ${BIAS_RISE_THRESHOLD}).`,
    details: { asOf, current, previous },
  };
}

/** (b) The release's 7-day flag rate at least doubled, with at least 5 flags this window. */
export function flagRateDoubled(release: string, points: BiasTrendPoint[], asOf: string): AlertFinding | null {
  const { current, previous } = windows(points, asOf);
  if (current.requests < MIN_WINDOW_ANSWERS || previous.requests < MIN_WINDOW_ANSWERS) return null;
  if (current.flags < MIN_WINDOW_FLAGS) return null;
  if (!(current.flagRate! >= 2 * previous.flagRate!)) return null;
  const ratio = previous.flagRate! > 0 ? current.flagRate! / previous.flagRate! : null;
  return {
    kind: "flag_rate_doubled",
    release,
    metric: "7-day flag rate / previous 7 days",
    // With no flags before, the ratio is unbounded: the current rate stands in for it.
    value: ratio ?? current.flagRate!,
    threshold: 2,
    message: `The 7-day flag rate of ${release} went from ${(previous.flagRate! * 100).toFixed(1)} % (${previous.flags} of ${previous.requests}) to ${(current.flagRate! * 100).toFixed(1)} % (${current.flags} of ${current.requests}).`,
    details: { asOf, current, previous },
  };
}

/** One attribute's group counts within a release, as decisions by group reports them. */
export interface AttributeCounts {
  attribute: string;
  groups: GroupCount[];
}

/**
 * (c) A group's favorable-answer rate is below four fifths of the most favoured group's, over the
 * release's logged decisions, counting only groups with at least 30 answers. One finding per
 * release listing every breaking group, since an alert is raised once per (kind, release, window).
 */
export function fourFifthsBreaches(release: string, attributes: AttributeCounts[]): AlertFinding | null {
  const breaches: { attribute: string; group: string; reference: string; disparateImpact: number }[] = [];
  for (const { attribute, groups } of attributes) {
    const { reference, groups: rated } = selectionRates(groups.filter((g) => g.total >= MIN_GROUP_ANSWERS));
    for (const g of rated)
      if (g.fourFifthsFlag && reference)
        breaches.push({ attribute, group: g.group, reference, disparateImpact: g.disparateImpact! });
  }
  if (breaches.length === 0) return null;
  const worst = breaches.reduce((a, b) => (b.disparateImpact < a.disparateImpact ? b : a));
  return {
    kind: "four_fifths",
    release,
    metric: "disparate impact (lowest group)",
    value: worst.disparateImpact,
    threshold: 0.8,
    message:
      `Favorable answers of ${release} break the four-fifths rule: ` +
      breaches.map((b) => `${b.attribute} ${b.group} at ${b.disparateImpact.toFixed(2)} of ${b.reference}`).join("; ") +
      ".",
    details: { breaches, minGroupAnswers: MIN_GROUP_ANSWERS },
  };
}
