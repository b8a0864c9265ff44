import { describe, expect, it } from "vitest";
import { decideRestart, FAST_FAILURE_MS, MAX_FAST_FAILURES, type RestartState } from "./restart-policy";

const crash = { code: null, signal: "SIGKILL" as const };
const fresh = (): RestartState => ({ fastFailures: 0, attempts: 0 });

describe("the supervisor's restart policy", () => {
  it("restarts a crashed part at once, then backs off while it keeps dying fast", () => {
    const state = fresh();
    expect(decideRestart(state, crash, 1_000)).toEqual({ action: "restart", attempt: 1, delayMs: 500 });
    expect(decideRestart(state, { code: 1, signal: null }, 1_000)).toEqual({
      action: "restart",
      attempt: 2,
      delayMs: 1_000,
    });
    expect(decideRestart(state, crash, 1_000)).toMatchObject({ action: "restart", attempt: 3, delayMs: 2_000 });
  });

  it("gives up after repeated fast failures", () => {
    const state = fresh();
    for (let i = 1; i < MAX_FAST_FAILURES; i++) expect(decideRestart(state, crash, 10).action).toBe("restart");
    expect(decideRestart(state, crash, 10)).toEqual({ action: "give-up", attempts: MAX_FAST_FAILURES });
  });

  it("forgets earlier failures once a part has stayed up", () => {
    const state = fresh();
    for (let i = 1; i < MAX_FAST_FAILURES; i++) decideRestart(state, crash, 10);
    expect(decideRestart(state, crash, FAST_FAILURE_MS + 1)).toMatchObject({ action: "restart", delayMs: 500 });
    expect(state.fastFailures).toBe(0);
  });

  it("does not restart a part that exited cleanly", () => {
    expect(decideRestart(fresh(), { code: 0, signal: null }, 10)).toEqual({ action: "stop", reason: "clean exit" });
  });
});
