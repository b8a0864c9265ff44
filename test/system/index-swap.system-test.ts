import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { enqueue, waitForJob } from "@/server/queues";
import { createPartnerKey } from "@/server/partners";
import { freePort, type ServiceProcess } from "@/server/local-services";
import {
  ackChannel,
  activeIndexVersion,
  fleet,
  publishIndex,
  rollbackIndex,
  validateIndex,
} from "@/server/index-store";
import { buildCandidate, embedAll } from "@/server/index-store/pipeline";
import { indexWith, ingestLoans } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { loanDocumentSource } from "@/server/ingest";
import { driveAdvice } from "./load";
import { processStats, startWeb, startWorker, type WebInstance } from "./processes";

/**
 * The index hot-swap proof: two real web instances (`next start` from the production build) and
 * the worker, on real PostgreSQL and Redis, under continuous partner API traffic, go through
 * swaps and rollbacks. Every request must succeed, be served by a version that was active while
 * it ran, both instances must converge on each new version within 2 s, and swapped-out indexes
 * must be released.
 */

const CONVERGE_MS = 2_000;
const webEnv = { INDEX_RECONCILE_SECONDS: "1", PARTNER_RATE_LIMIT_PER_MINUTE: "1000000" };

let worker: ServiceProcess;
let web: WebInstance[] = [];
let acks: Redis;
const received: { instance: string; version: string; ok: boolean; at: number }[] = [];
let versions: string[] = [];
let apiKey = "";

async function candidate(kind: "exact" | "hnsw"): Promise<string> {
  await embedAll(loanDocumentSource);
  const manifest = await buildCandidate(kind, "system-test");
  await validateIndex(manifest.version, { actor: "system-test" });
  return manifest.version;
}

beforeAll(async () => {
  // Three versions: an exact index, the same documents as HNSW, and a larger exact index.
  await indexWith(Array.from({ length: 300 }, () => uniqueLoan()));
  const first = (await activeIndexVersion())!.version;
  const hnsw = await candidate("hnsw");
  await ingestLoans(Array.from({ length: 60 }, () => uniqueLoan()));
  const larger = await candidate("exact");
  versions = [first, hnsw, larger];
  expect(new Set(versions).size).toBe(3);
  apiKey = (await createPartnerKey({ name: "swap proof", scopes: ["advice"] }, "system-test")).key;

  acks = new Redis(process.env.REDIS_URL!);
  await acks.subscribe(ackChannel());
  acks.on("message", (_channel: string, json: string) => {
    const ack = JSON.parse(json) as { instance: string; version: string; ok: boolean };
    received.push({ ...ack, at: Date.now() });
  });

  worker = startWorker();
  const ports = [await freePort(), await freePort()];
  web = await Promise.all(ports.map((port, i) => startWeb(`web-${i + 1}`, port, webEnv)));
});

afterAll(async () => {
  await Promise.all(web.map((instance) => instance.process.stop()));
  await worker?.stop();
  await acks?.quit();
});

/** Instance ids as the instances report them in /api/health. */
async function instanceIds(): Promise<string[]> {
  return Promise.all(
    web.map(
      async (w) =>
        ((await (await fetch(`${w.url}/api/health`)).json()) as { index: { instance: string } }).index.instance,
    ),
  );
}

async function waitForAcks(ids: string[], version: string, since: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = ids.map((id) =>
      received.find((a) => a.instance === id && a.version === version && a.ok && a.at >= since),
    );
    if (ok.every(Boolean)) return Math.max(...ok.map((a) => a!.at)) - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`instances did not ack ${version.slice(0, 12)} within 10 s: ${JSON.stringify(received.slice(-6))}`);
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/api/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
}

it("swaps and rolls back across two instances under load with zero failed requests", async () => {
  const ids = await instanceIds();
  const baseline = web.map((w) => processStats(w.process.child.pid!));
  const load = driveAdvice(
    web.map((w) => w.url),
    apiKey,
  );
  // When each version became active, and when every instance had it (the previous one may serve until then).
  const timeline: { version: string; publishedAt: number; convergedAt: number }[] = [
    { version: versions[0]!, publishedAt: 0, convergedAt: 0 },
  ];
  const [first, hnsw, larger] = versions as [string, string, string];
  // 12 operations: promotions through the worker's publish job, direct promotions, rollbacks.
  const steps: (() => Promise<string>)[] = [
    async () => (await publishIndex(hnsw, { actor: "system-test", reason: "swap 1" })).version,
    async () => (await rollbackIndex(undefined, { actor: "system-test", reason: "rollback 1" })).version,
    async () => {
      const job = await enqueue("publish-index", { requestedBy: "system-test", version: larger, reason: "via worker" });
      return (await waitForJob<{ version: string }>("publish-index", job.id, 30_000)).version;
    },
    async () => (await rollbackIndex(undefined, { actor: "system-test", reason: "rollback 2" })).version,
    async () => (await publishIndex(hnsw, { actor: "system-test", reason: "swap 3" })).version,
    async () => (await publishIndex(larger, { actor: "system-test", reason: "swap 4" })).version,
    async () => (await rollbackIndex(undefined, { actor: "system-test", reason: "rollback 3" })).version,
    async () => (await rollbackIndex(first, { actor: "system-test", reason: "rollback to first" })).version,
    async () => {
      const job = await enqueue("publish-index", {
        requestedBy: "system-test",
        rollback: true,
        reason: "worker rollback",
      });
      return (await waitForJob<{ version: string }>("publish-index", job.id, 30_000)).version;
    },
    async () => (await publishIndex(larger, { actor: "system-test", reason: "swap 5" })).version,
    async () => (await publishIndex(hnsw, { actor: "system-test", reason: "swap 6" })).version,
    async () => (await publishIndex(first, { actor: "system-test", reason: "swap 7" })).version,
  ];
  const convergence: number[] = [];
  for (const step of steps) {
    const publishedAt = Date.now();
    const version = await step();
    const ms = await waitForAcks(ids, version, publishedAt);
    convergence.push(ms);
    timeline.push({ version, publishedAt, convergedAt: publishedAt + ms });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  await load.stop();

  expect(convergence.length).toBeGreaterThanOrEqual(10);
  expect(Math.max(...convergence)).toBeLessThanOrEqual(CONVERGE_MS);

  const failed = load.samples.filter((s) => s.status !== 200);
  expect(failed).toEqual([]);
  expect(load.samples.length).toBeGreaterThan(50);

  // A version may serve from its publication until every instance has the next one.
  const activeDuring = (s: { startedAt: number; endedAt: number }) =>
    new Set(
      timeline
        .filter((t, i) => t.publishedAt <= s.endedAt && (timeline[i + 1]?.convergedAt ?? Infinity) >= s.startedAt)
        .map((t) => t.version),
    );
  const misserved = load.samples.filter((s) => !activeDuring(s).has(s.indexVersion ?? ""));
  expect(misserved).toEqual([]);
  // Every version served some traffic: the swaps really happened under load.
  expect(new Set(load.samples.map((s) => s.indexVersion))).toEqual(new Set(versions));

  // Swapped-out indexes are released: one version loaded per instance, its search thread only.
  for (const [i, w] of web.entries()) {
    expect(await metric(w.url, "apfa_index_loaded_versions")).toBe(1);
    // A retired version's worker thread ends asynchronously after its last search: give it a
    // moment. A leak would be one thread per swap, and never go.
    const pid = w.process.child.pid!;
    for (let wait = 0; wait < 50 && processStats(pid).threads > baseline[i]!.threads; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const after = processStats(pid);
    expect(after.threads).toBeLessThanOrEqual(baseline[i]!.threads);
    // Generous: the heap grows with traffic; a leaked index per swap would be far beyond this.
    expect(after.rssBytes).toBeLessThan(baseline[i]!.rssBytes + 150 * 1024 ** 2);
  }
});

it("an instance restarted while a swap is published converges on the active version", async () => {
  const [, second] = web as [WebInstance, WebInstance];
  const [, secondId] = await instanceIds();
  const stopping = second.process.stop();
  const target = (await rollbackIndex(undefined, { actor: "system-test", reason: "during restart" })).version;
  await stopping;
  // A stopped instance leaves the fleet view instead of lingering as stale.
  expect((await fleet()).map((f) => f.instance)).not.toContain(secondId);
  const restarted = await startWeb("web-2-restarted", Number(new URL(second.url).port), webEnv);
  web[1] = restarted;
  const deadline = Date.now() + 10_000;
  let served = "";
  while (Date.now() < deadline && served !== target) {
    const health = (await (await fetch(`${restarted.url}/api/health`)).json()) as { index: { version?: string } };
    served = health.index.version ?? "";
    if (served !== target) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(served).toBe(target);
  expect((await activeIndexVersion())!.version).toBe(target);
});
