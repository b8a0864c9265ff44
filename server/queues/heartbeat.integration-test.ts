import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConsoleError } from "@/test/console";
import { getRedis } from "../redis";
import { heartbeatWriter, liveWorkers } from "./heartbeat";

/**
 * A Redis that refuses the heartbeat write: a real ACL user allowed every command but only on keys
 * it does not use, so SET on the heartbeat key fails with NOPERM, as it would on a misconfigured
 * managed Redis. Removed again afterwards (the server may be shared with other runs).
 */
const username = `apfa-heartbeat-test-${randomUUID()}`;
const password = randomBytes(16).toString("hex");
let refusing: Redis;

beforeAll(async () => {
  await getRedis().acl("SETUSER", username, "on", `>${password}`, "resetkeys", "~no-such-key-pattern:*", "+@all");
  refusing = new Redis(process.env.REDIS_URL!, { username, password, maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  await refusing?.quit();
  await getRedis().acl("DELUSER", username);
});

describe("worker heartbeat", () => {
  it("logs a refused write with the worker and the error, once per failure, and writes again when allowed", async () => {
    const worker = `heartbeat-test-${randomUUID().slice(0, 8)}`;
    const beat = heartbeatWriter(refusing, worker);

    const { messages } = await expectConsoleError(/worker heartbeat write failed/, async () => {
      await beat();
      await beat(); // the same failure again: not logged a second time
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`"worker":"${worker}"`);
    expect(messages[0]).toContain("NOPERM");
    expect((await liveWorkers(getRedis())).map((w) => w.id)).not.toContain(worker);

    await getRedis().acl("SETUSER", username, "allkeys");
    await beat();
    expect((await liveWorkers(getRedis())).map((w) => w.id)).toContain(worker);
  });
});
