/**
 * Promotion-to-served time across instances: from the moment a release alias moves (its ledger
 * entry) until every following process has loaded the release's engines, switched and acked —
 * beside the reference, the index-only hot swap it replaced (publish → every instance's index ack),
 * measured in the same processes in the same run. Target: every instance serves within 2 s.
 *
 *   node --import tsx bench/promotion-to-served.ts [--instances 2] [--rounds 10]
 *
 * Starts its own PostgreSQL and Redis in a temp dir unless DATABASE_URL / REDIS_URL are set.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { startBenchServices } from "./lib/services";
import { ms, percentile, table } from "./lib/stats";

const { values } = parseArgs({
  options: { instances: { type: "string", default: "2" }, rounds: { type: "string", default: "10" } },
});
const instances = Number(values.instances);
const rounds = Number(values.rounds);

const services = await startBenchServices("promotion", { APFA_QUEUE_PREFIX: "bench", INDEX_RECONCILE_SECONDS: "10" });
const { runMigrations, closeDb } = await import("../server/db");
const { seed, ensureActiveIndex } = await import("../server/seed");
const { ackChannel, publishIndex, validateIndex } = await import("../server/index-store");
const { buildCandidate } = await import("../server/index-store/pipeline");
const { aliasTimeline, createRelease, PRODUCTION, registerVersion, releaseAckChannel } =
  await import("../server/registry");
const { promoteRelease } = await import("../server/releases");
const { closeRedis } = await import("../server/redis");

await runMigrations();
await seed();
const first = (await ensureActiveIndex()) ?? "";
const second = (await buildCandidate("exact", "bench")).version;
await validateIndex(second, { actor: "bench" });
await registerVersion(
  { kind: "prompt", name: "bench-prompt", version: "1.0.0", document: { name: "p.txt", text: "Brief: {maxTokens}." } },
  "bench",
);

const followers: ChildProcess[] = [];
for (let i = 0; i < instances; i++) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "lib/release-follower.ts")],
    {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  followers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`follower exited with ${code}`)));
  });
}

/** Every ack on a channel, with the time it arrived. */
function listen(channel: string) {
  const acks: { key: string; ok: boolean; at: number }[] = [];
  const subscriber = new Redis(process.env.REDIS_URL!);
  void subscriber.subscribe(channel);
  subscriber.on("message", (_channel: string, json: string) => {
    const ack = JSON.parse(json) as { release?: string; version?: string; ok: boolean };
    acks.push({ key: ack.release ?? ack.version ?? "", ok: ack.ok, at: Date.now() });
  });
  return {
    subscriber,
    /** When the last of the followers acked `key` since `since`. */
    async all(key: string, since: number): Promise<number> {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const mine = acks.filter((a) => a.key === key && a.ok && a.at >= since);
        if (mine.length >= instances) return Math.max(...mine.map((a) => a.at));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error(`not every follower acked ${key} within 30 s`);
    },
  };
}
const releaseAcks = listen(releaseAckChannel());
const indexAcks = listen(ackChannel());
await new Promise((resolve) => setTimeout(resolve, 200));

const admin = { email: "bench", role: "admin" as const };
const releaseMs: number[] = [];
const indexMs: number[] = [];
for (let round = 0; round < rounds; round++) {
  // Alternate the index and the prompt: each release loads something the previous did not have.
  const release = await createRelease(
    {
      version: `${round + 2}.0.0`,
      index: round % 2 === 0 ? second : first,
      prompt: round % 4 < 2 ? "bench-prompt@1.0.0" : "advisor-prompt@1.0.0",
      changelog: `bench round ${round}`,
    },
    "bench",
  );
  const started = Date.now();
  // The override skips only the shadow replay (a benchmark has no traffic to replay); the move is the real one.
  await promoteRelease({ version: release.version, reason: "benchmark", override: true, actor: admin });
  const [move] = await aliasTimeline(PRODUCTION, 1);
  releaseMs.push((await releaseAcks.all(release.version, started)) - move!.at.getTime());

  // The reference: the index-only swap of before releases, to the index the release did not use.
  const other = round % 2 === 0 ? first : second;
  const publishedAt = Date.now();
  await publishIndex(other, { actor: "bench", reason: "reference swap" });
  indexMs.push((await indexAcks.all(other, publishedAt)) - publishedAt);
}

const row = (name: string, values: number[]) => [
  name,
  values.length,
  ms(percentile(values, 50), 0),
  ms(percentile(values, 95), 0),
  ms(Math.max(...values), 0),
];
console.log(
  `\n${instances} following processes, ${rounds} promotions each way; ms from publish to every instance serving\n`,
);
console.log(
  table(
    ["mechanism", "n", "p50 (ms)", "p95 (ms)", "max (ms)"],
    [
      row("release promotion → every instance serves it", releaseMs),
      row("reference: index-only swap (before releases)", indexMs),
    ],
  ),
);
console.log(`\ntarget: every instance within 2,000 ms — ${Math.max(...releaseMs) <= 2000 ? "met" : "NOT met"}`);

for (const child of followers) child.kill("SIGTERM");
await Promise.all(followers.map((child) => new Promise((resolve) => child.once("exit", resolve))));
await releaseAcks.subscriber.quit();
await indexAcks.subscriber.quit();
await closeRedis();
await closeDb();
await services.stop();
