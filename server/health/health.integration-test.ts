import { describe, expect, it } from "vitest";
import { startHeartbeat } from "../queues";
import { getRedis } from "../redis";
import { checkHealth } from ".";

// This file has its own queue prefix (test/setup/integration.ts), so no other file's worker
// heartbeat can make the "no worker" case pass or fail.
describe("checkHealth", () => {
  it("reports the database and Redis, and the worker only while it beats", async () => {
    expect(await checkHealth()).toEqual({
      status: "error",
      db: "ok",
      redis: "ok",
      worker: "error: no worker heartbeat in the last 15 s",
      workers: 0,
      failing: ["worker"],
    });

    const stop = startHeartbeat(getRedis(), "health-test-worker");
    expect(await checkHealth()).toEqual({ status: "ok", db: "ok", redis: "ok", worker: "ok", workers: 1, failing: [] });

    // A worker that shuts down cleanly removes its heartbeat at once instead of waiting for it to expire.
    await stop();
    expect(await checkHealth()).toMatchObject({
      status: "error",
      worker: "error: no worker heartbeat in the last 15 s",
      failing: ["worker"],
    });
  });
});
