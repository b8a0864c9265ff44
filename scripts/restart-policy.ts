/**
 * When the supervisor restarts a part that died (docs/decisions: timeouts and restarts): at once
 * the first time, then backing off; a part that keeps dying within FAST_FAILURE_MS of its start is
 * given up on after MAX_FAST_FAILURES in a row. A clean exit (code 0, no signal) is no crash: the
 * part was stopped on purpose, and the supervisor stops with it.
 */

export const FAST_FAILURE_MS = 30_000;
export const MAX_FAST_FAILURES = 5;

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type RestartDecision =
  | { action: "restart"; attempt: number; delayMs: number }
  | { action: "give-up"; attempts: number }
  | { action: "stop"; reason: "clean exit" };

export interface RestartState {
  /** Restarts so far whose part then died within FAST_FAILURE_MS. */
  fastFailures: number;
  attempts: number;
}

export function decideRestart(state: RestartState, exit: Exit, ranMs: number): RestartDecision {
  if (exit.code === 0 && exit.signal === null) return { action: "stop", reason: "clean exit" };
  state.attempts += 1;
  state.fastFailures = ranMs < FAST_FAILURE_MS ? state.fastFailures + 1 : 0;
  if (state.fastFailures >= MAX_FAST_FAILURES) return { action: "give-up", attempts: state.attempts };
  // 0.5 s, 1 s, 2 s, 4 s: quick after a single crash, gentle on a part that cannot stay up.
  const delayMs = state.fastFailures <= 1 ? 500 : Math.min(500 * 2 ** (state.fastFailures - 1), 8_000);
  return { action: "restart", attempt: state.attempts, delayMs };
}
