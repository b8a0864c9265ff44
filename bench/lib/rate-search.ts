/**
 * The highest request rate a server holds, for bench/load.ts: short probes at fixed rates (grow
 * from a starting guess until one fails, then bisect), the best one then confirmed by a long run.
 * Pure decisions over a `probe` callback, so the search itself is tested without a server.
 */

export interface Probe {
  /** Requests per second asked of the load generator. */
  rate: number;
  /** Responses per second it got (a server that cannot keep up answers fewer than asked). */
  achieved: number;
  p95Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

export const P95_LIMIT_MS = 100;
/** A rate is held when at least this share of the asked requests were answered in the time. */
export const ACHIEVED_SHARE = 0.97;

/** Why a probe fails the contract (p95 < 100 ms, no errors, no non-2xx, the rate reached); null when it holds. */
export function failure(probe: Probe): string | null {
  if (probe.errors > 0) return `${probe.errors} errors`;
  if (probe.non2xx > 0) return `${probe.non2xx} non-2xx responses`;
  if (!(probe.p95Ms < P95_LIMIT_MS)) return `p95 ${probe.p95Ms.toFixed(1)} ms`;
  if (probe.achieved < probe.rate * ACHIEVED_SHARE) return `${probe.achieved.toFixed(0)}/s answered`;
  return null;
}

/**
 * Probes rates from `start` (×1.5 while they hold, then bisection between the best held and the
 * lowest failed, to within `resolution` of it) with at most `maxProbes` probes. Returns the highest
 * rate that held (0 if none did) and every probe made, in order.
 */
export async function highestHeldRate(
  probe: (rate: number) => Promise<Probe>,
  { start, maxProbes, resolution = 0.05 }: { start: number; maxProbes: number; resolution?: number },
): Promise<{ rate: number; probes: Probe[] }> {
  const probes: Probe[] = [];
  let held = 0;
  let failed = Infinity;
  let next = Math.max(1, Math.round(start));
  while (probes.length < maxProbes) {
    const result = await probe(next);
    probes.push(result);
    if (failure(result) === null) held = Math.max(held, next);
    else failed = Math.min(failed, next);
    if (failed === Infinity) next = Math.round(held * 1.5);
    else if (held === 0) next = Math.max(1, Math.round(failed / 2));
    else next = Math.round((held + failed) / 2);
    if (failed !== Infinity && (failed - held) / failed <= resolution) break;
    if (next === held || next === failed) break;
  }
  return { rate: held, probes };
}
