import { beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { activeIndexVersion, instanceId } from "../index-store";
import { startHeartbeat } from "../queues";
import { getRedis } from "../redis";
import { aliasedRelease, componentsOf, PRODUCTION } from "../registry";
import { checkHealth } from ".";

beforeAll(async () => {
  await indexWith();
});

// This file has its own queue prefix (test/setup/integration.ts), so no other file's worker
// heartbeat can make the "no worker" case pass or fail.
describe("checkHealth", () => {
  it("reports the database, Redis, index, the served release and its models, and the worker only while it beats", async () => {
    const active = await activeIndexVersion();
    const production = (await aliasedRelease(PRODUCTION))!;
    const ready = {
      db: "ok",
      redis: "ok",
      index: {
        status: "ok",
        version: active?.version,
        vectors: active?.vectors,
        embedder: "hash-v2-384+neutral-v1",
        instance: instanceId,
        loaded: 1,
      },
      release: { status: "ok", version: production.version, components: componentsOf(production) },
      models: { embedder: "hash-v2-384+neutral-v1", analyzer: "grounded-v2" },
    };
    expect(await checkHealth()).toEqual({
      status: "error",
      ...ready,
      worker: "error: no worker heartbeat in the last 15 s",
      workers: 0,
      failing: ["worker"],
    });

    const stop = startHeartbeat(getRedis(), "health-test-worker");
    expect(await checkHealth()).toEqual({ status: "ok", ...ready, worker: "ok", workers: 1, failing: [] });

    // A worker that shuts down cleanly removes its heartbeat at once instead of waiting for it to expire.
    await stop();
    expect(await checkHealth()).toMatchObject({
      status: "error",
      worker: "error: no worker heartbeat in the last 15 s",
      failing: ["worker"],
    });
  });
});
