import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { listAudit } from "@/server/audit";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { activeIndexVersion, getIndexVersion } from "@/server/index-store";
import {
  enqueue,
  getQueue,
  jobLogs,
  recentJobs,
  scheduleIndexRefresh,
  waitForJob,
  type QueueName,
} from "@/server/queues";
import { createRedis } from "@/server/redis";
import { indexWith, ingestLoans } from "@/test/index-fixture";
import { uniqueLoan } from "@/test/loans";
import { processors } from ".";

/**
 * The index jobs run by real BullMQ workers (configured as jobs/worker.ts configures them), driven
 * the way on-call engineers drive them: the CLI in a separate process, while the product runs.
 */

const INDEX_QUEUES: QueueName[] = ["embed", "build-index", "validate-index", "publish-index"];
let workers: Worker[] = [];

beforeAll(async () => {
  await indexWith(Array.from({ length: 30 }, () => uniqueLoan()));
  workers = await Promise.all(
    INDEX_QUEUES.map(async (name) => {
      const worker = new Worker(name, processors[name], {
        connection: createRedis(`test-worker:${name}`, { blocking: true }),
        prefix: env.APFA_QUEUE_PREFIX,
        concurrency: 1,
      });
      await worker.waitUntilReady();
      return worker;
    }),
  );
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
});

describe("index CLI and jobs", () => {
  it("builds with --wait, lists, validates, promotes and rolls back", async () => {
    const before = (await activeIndexVersion())!.version;
    await ingestLoans([uniqueLoan(), uniqueLoan()]);
    const built = await cli("index", "build", "--kind", "exact", "--wait", "--reason", "cli test");
    expect(built).toMatchObject({ code: 0, stderr: "" });
    const version = built.stdout.trim();
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect(version).not.toBe(before);
    // Exact search is its own ground truth: both measures are 1.
    expect(await getIndexVersion(version)).toMatchObject({
      kind: "exact",
      recall: 1,
      epsilonRecall: 1,
      active: false,
      createdBy: expect.stringMatching(/^cli:/),
    });

    const listed = await cli("index", "list", "--json");
    const list = JSON.parse(listed.stdout) as { version: string }[];
    expect(list.find((v) => v.version === version)).toEqual({
      version,
      active: false,
      kind: "exact",
      vectors: expect.any(Number),
      recall: 1,
      epsilonRecall: 1,
      createdAt: expect.any(String),
    });

    const validated = await cli("index", "validate", version.slice(0, 12));
    expect(validated).toMatchObject({ code: 0, stdout: `${version}: recall@5 1.000, ε-recall@5 1.000\n` });
    const validatedJson = await cli("index", "validate", version, "--json");
    expect(validatedJson.code).toBe(0);
    expect(JSON.parse(validatedJson.stdout)).toEqual({
      version,
      kind: "exact",
      recall: 1,
      epsilonRecall: 1,
      efSearch: null,
      steps: [{ ef: null, recall: 1 }],
      promotable: true,
    });

    const promoted = await cli("index", "promote", version, "--reason", "cli test");
    expect(promoted).toMatchObject({ code: 0, stdout: `active: ${version}\n` });
    expect(await cli("index", "rollback", "--reason", "cli test")).toMatchObject({
      code: 0,
      stdout: `active: ${before}\n`,
    });
    expect((await activeIndexVersion())!.version).toBe(before);
    const [entry] = await listAudit(1);
    expect(entry).toMatchObject({ action: "index.rollback", target: before, reason: "cli test" });
  });

  it("says clearly what is wrong with a bad version or action", async () => {
    expect(await cli("index", "promote", "deadbeefdeadbeef")).toMatchObject({
      code: 1,
      stderr: "error: no index version deadbeefdeadbeef\n",
    });
    expect(await cli("index", "promote", "xyz")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("is not an index version"),
    });
    expect(await cli("index", "frobnicate")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown index action: frobnicate"),
    });
    expect(await cli("index", "build", "--kind", "annoy")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--kind must be exact or hnsw"),
    });
  });

  it("builds an HNSW candidate whose validation picks the smallest ef reaching recall 0.95, with progress and logs", async () => {
    const embed = await enqueue("embed", { requestedBy: "test", build: "always", kind: "hnsw" });
    const { buildJobId } = await waitForJob<{ buildJobId: string }>("embed", embed.id, 120_000);
    const built = await waitForJob<{ version: string; validateJobId: string }>("build-index", buildJobId, 300_000);
    const validated = await waitForJob<{
      recall: number;
      epsilonRecall: number;
      efSearch: number;
      steps: { ef: number }[];
    }>("validate-index", built.validateJobId, 300_000);
    expect(validated.recall).toBeGreaterThanOrEqual(0.95);
    expect(validated.steps.at(-1)!.ef).toBe(validated.efSearch);
    // ε-recall counts every hit strict recall counts (a true top-k score is within ε of the k-th), and more.
    expect(validated.epsilonRecall).toBeGreaterThanOrEqual(validated.recall);
    expect(validated.epsilonRecall).toBeLessThanOrEqual(1);
    const row = await getIndexVersion(built.version);
    // Recalls are stored as `real` (float4): 0.999 reads back as 0.999, not as the double 0.9990000000000001.
    expect(row).toMatchObject({
      kind: "hnsw",
      recall: expect.closeTo(validated.recall, 6),
      epsilonRecall: expect.closeTo(validated.epsilonRecall, 6),
      efSearch: validated.efSearch,
    });
    expect(row.manifest.hnsw).toMatchObject({ connectivity: expect.any(Number), quantization: "f16" });
    // Instances verify the mapped HNSW file chunk by chunk, on every core.
    const chunks = row.manifest.chunks!.index;
    expect(chunks.sha256).toHaveLength(Math.ceil(row.manifest.sizes!.index / chunks.bytes));
    expect((await getIndexVersion(row.manifest.exactTwin!)).kind).toBe("exact");

    const job = await getQueue("build-index").getJob(buildJobId);
    expect(job?.progress).toBe(100);
    expect(await jobLogs("build-index", buildJobId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^built [0-9a-f]{64}/)]),
    );
    expect(await jobLogs("validate-index", built.validateJobId)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ef \d+: recall@5 \d\.\d{3}$/),
        expect.stringMatching(/^recall@5 \d\.\d{3}, ε-recall@5 \d\.\d{3} at ef \d+$/),
      ]),
    );
  });

  it("refuses a publish job without a version unless it is a rollback", async () => {
    const error = await enqueue("publish-index", { requestedBy: "test" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(
      "invalid publish-index job: version: a version is required unless rolling back",
    );
  });

  it("schedules the background refresh once, however often workers start", async () => {
    await scheduleIndexRefresh();
    await scheduleIndexRefresh();
    const schedulers = await getQueue("embed").getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: "index-refresh", pattern: "0 * * * *" })]);
    // The console shows when the scheduled refresh will run: the next full hour.
    const [scheduled] = await recentJobs({ states: ["delayed"], limit: 5, queues: ["embed"] });
    expect(scheduled).toMatchObject({ state: "delayed", runsAt: expect.any(Number) });
    expect(scheduled!.runsAt).toBeGreaterThan(Date.now());
    expect(scheduled!.runsAt).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
    expect(new Date(scheduled!.runsAt!).getMinutes()).toBe(0);
  });
});
