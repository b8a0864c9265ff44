import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConsoleError } from "@/test/console";
import { indexWith, ingestLoans } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { loanDocumentSource } from "@/server/ingest";
import { listAudit } from "../../audit";
import { AppError } from "../../errors";
import { getRedis } from "../../redis";
import {
  activationHistory,
  activeIndexVersion,
  getIndexVersion,
  loadedIndexes,
  peekLiveIndex,
  publishIndex,
  rollbackIndex,
  startIndexSync,
  swapTo,
  validateIndex,
  withLiveIndex,
  getLiveIndex,
} from "..";
import { artifactStore } from "../../artifacts";
import { fleet } from "./fleet";
import { buildCandidate, embedAll } from "../pipeline";
import { indexKey, LATEST_KEY } from "../keys";
import { ackChannel, swapChannel, type AckMessage } from "./swap-channel";

/**
 * Publishing, rollback and the in-process hot-swap against real PostgreSQL, Redis and the local
 * artifact store. The proof across two real web instances is test/system/index-swap.system-test.ts.
 */

let first = "";
let second = "";
let unvalidated = "";

beforeAll(async () => {
  await indexWith(Array.from({ length: 40 }, () => uniqueLoan()));
  first = (await activeIndexVersion())!.version;
  await ingestLoans(Array.from({ length: 5 }, () => uniqueLoan()));
  await embedAll(loanDocumentSource);
  second = (await buildCandidate("exact", "test")).version;
  await validateIndex(second, { actor: "test" });
  await ingestLoans(Array.from({ length: 3 }, () => uniqueLoan()));
  await embedAll(loanDocumentSource);
  unvalidated = (await buildCandidate("exact", "test")).version;
});

/** Collects messages on a channel until the returned stop function is called. */
async function listen(channel: string) {
  const subscriber = new Redis(process.env.REDIS_URL!);
  const messages: string[] = [];
  subscriber.on("message", (_c: string, message: string) => messages.push(message));
  await subscriber.subscribe(channel);
  return { messages, stop: () => subscriber.quit() };
}

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("publish and rollback", () => {
  it("moves the database pointer and indexes/latest, announces the version, and audits who and why", async () => {
    const swaps = await listen(swapChannel());
    const message = await publishIndex(second.slice(0, 12), { actor: "alice@test", reason: "fresher documents" });
    expect(message).toEqual({
      version: second,
      sha256: (await getIndexVersion(second)).manifestSha256,
      uri: artifactStore().uriOf(`indexes/${second}`),
    });
    expect((await activeIndexVersion())!.version).toBe(second);
    expect((await artifactStore().get(LATEST_KEY)).toString()).toBe(second);
    await until(() => (swaps.messages.length > 0 ? swaps.messages : undefined), "the swap message");
    expect(JSON.parse(swaps.messages[0]!)).toEqual(message);
    await swaps.stop();
    const [entry] = await listAudit(1);
    expect(entry).toMatchObject({
      actor: "alice@test",
      action: "index.promote",
      target: second,
      reason: "fresher documents",
    });
  });

  it("refuses a version that was not validated, naming why", async () => {
    const error = await publishIndex(unvalidated, { actor: "test" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).message).toMatch(/has not been validated: run index validate first/);
    expect((await activeIndexVersion())!.version).not.toBe(unvalidated);
  });

  it("rolls back to the version active before the current one, without rebuilding", async () => {
    await publishIndex(second, { actor: "test" });
    const message = await rollbackIndex(undefined, { actor: "bob@test", reason: "bad answers" });
    expect(message.version).toBe(first);
    expect((await activeIndexVersion())!.version).toBe(first);
    const [entry] = await listAudit(1);
    expect(entry).toMatchObject({ action: "index.rollback", target: first, reason: "bad answers" });
  });

  it("tells who made each version active, when and why, newest first", async () => {
    await publishIndex(second, { actor: "carol@test", reason: "fresher documents again" });
    await rollbackIndex(first, { actor: "dave@test", reason: "answers got worse" });
    const [rollback, promotion] = await activationHistory(2);
    expect(rollback).toEqual({
      version: first,
      action: "rollback",
      actor: "dave@test",
      reason: "answers got worse",
      at: expect.any(Date),
      previous: second,
    });
    expect(promotion).toMatchObject({
      version: second,
      action: "promote",
      actor: "carol@test",
      reason: "fresher documents again",
    });
    expect(rollback!.at.getTime()).toBeGreaterThanOrEqual(promotion!.at.getTime());
  });

  it("names an unknown or malformed version", async () => {
    await expect(publishIndex("deadbeefdeadbeef", { actor: "test" })).rejects.toThrow(
      /no index version deadbeefdeadbeef/,
    );
    await expect(publishIndex("not-hex", { actor: "test" })).rejects.toThrow(/is not an index version/);
  });
});

describe("hot-swap in this process", () => {
  afterAll(async () => {
    await publishIndex(first, { actor: "test" });
    await swapTo({ version: first, sha256: (await getIndexVersion(first)).manifestSha256! });
  });

  it("finishes in-flight searches on the old index and releases it after them", async () => {
    await publishIndex(first, { actor: "test" });
    await getLiveIndex();
    const target = await getIndexVersion(second);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A search that holds the old index across the swap.
    const inFlight = withLiveIndex(async (index) => {
      await held;
      return {
        version: index.manifest.version,
        hits: await index.searcher.search(new Float32Array(384).fill(0.05), 3),
      };
    });
    const outcome = await swapTo({ version: second, sha256: target.manifestSha256! });
    expect(outcome).toMatchObject({ version: second, ok: true });
    expect(peekLiveIndex()!.manifest.version).toBe(second);
    expect(loadedIndexes().map((l) => [l.version, l.serving])).toEqual([
      [second, true],
      [first, false],
    ]);
    release();
    const result = await inFlight;
    expect(result.version).toBe(first);
    expect(result.hits).toHaveLength(3);
    await until(() => (loadedIndexes().length === 1 ? true : undefined), "the old index to be released");
  });

  it("keeps serving the old index when the new one is corrupt, and says why", async () => {
    const before = peekLiveIndex()!.manifest.version;
    const target = await getIndexVersion(unvalidated);
    const key = indexKey(unvalidated, "index");
    const good = await artifactStore().get(key);
    await artifactStore().put(key, good.subarray(0, good.byteLength - 16));
    try {
      const { result } = await expectConsoleError(/index swap failed/, () =>
        swapTo({ version: unvalidated, sha256: target.manifestSha256! }),
      );
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/index file .* has \d+ bytes, expected \d+/);
      expect(peekLiveIndex()!.manifest.version).toBe(before);
    } finally {
      await artifactStore().put(key, good);
    }
  });
});

describe("following swap messages", () => {
  it("swaps on a message, acks it, records the fleet entry, and ignores malformed messages", async () => {
    const acks = await listen(ackChannel());
    const stop = startIndexSync();
    try {
      // The initial reconcile loads the active version.
      await until(() => (peekLiveIndex() ? true : undefined), "the first load");
      await getRedis().publish(swapChannel(), "{not json");
      await getRedis().publish(swapChannel(), JSON.stringify({ version: "x" }));
      const message = await publishIndex(second, { actor: "test" });
      const ack = await until(
        () => acks.messages.map((m) => JSON.parse(m) as AckMessage).find((a) => a.version === second),
        "the ack",
      );
      expect(ack).toMatchObject({ version: second, ok: true });
      expect(peekLiveIndex()!.manifest.version).toBe(message.version);
      expect((await fleet()).find((f) => f.instance === ack.instance)).toMatchObject({ version: second, live: true });

      // A message pointing at another store is refused and acked as a failure.
      const { result: refused } = await expectConsoleError(/refused a swap message/, async () => {
        await getRedis().publish(
          swapChannel(),
          JSON.stringify({ ...message, version: first, uri: "s3://elsewhere/x" }),
        );
        return until(() => acks.messages.map((m) => JSON.parse(m) as AckMessage).find((a) => !a.ok), "the failure ack");
      });
      expect(refused.error).toMatch(/points to s3:\/\/elsewhere\/x/);
      expect(peekLiveIndex()!.manifest.version).toBe(second);
    } finally {
      await stop();
      await acks.stop();
    }
  });
});
