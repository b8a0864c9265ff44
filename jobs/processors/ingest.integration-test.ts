import { randomUUID } from "node:crypto";
import { Worker, type Job } from "bullmq";
import { sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { enqueue, getQueue, queueOverview, recentJobs, retryJob } from "@/server/queues";
import { createRedis } from "@/server/redis";
import { tempDir, writeFile } from "@/test/files";
import { csvHeader, csvLine, uniqueLoan } from "@/test/loans";
import { processors } from ".";

/**
 * The ingest queue end to end: the producer's validation, a real BullMQ worker running the real
 * processor (configured as jobs/worker.ts configures it), and the console's view of the queue.
 * test/setup/integration.ts gives this file its own queue prefix, so the counts are this file's.
 */

/** A worker on the ingest queue for the rest of the test. */
async function startWorker(): Promise<Worker> {
  const connection = createRedis("test-worker", { blocking: true });
  const worker = new Worker("ingest", processors.ingest, { connection, prefix: env.APFA_QUEUE_PREFIX, concurrency: 1 });
  onTestFinished(async () => {
    await worker.close();
    connection.disconnect();
  });
  await worker.waitUntilReady();
  return worker;
}

type Outcome = { state: "completed"; result: unknown } | { state: "failed"; error: Error };

/** Resolves when the worker finishes job `id`; listen before enqueueing so the event cannot be missed. */
function outcomeOf(worker: Worker, id: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (outcome: Outcome) => {
      worker.off("completed", onCompleted).off("failed", onFailed);
      resolve(outcome);
    };
    const onCompleted = (job: Job, result: unknown) => job.id === id && done({ state: "completed", result });
    const onFailed = (job: Job | undefined, error: Error) => job?.id === id && done({ state: "failed", error });
    worker.on("completed", onCompleted).on("failed", onFailed);
  });
}

const countsOf = async () => (await queueOverview()).find((queue) => queue.name === "ingest")?.counts;

describe("ingest jobs", () => {
  it("refuses a bad payload before it reaches Redis", async () => {
    const error = await enqueue("ingest", { file: "", requestedBy: "test" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "bad_request", message: "invalid ingest job: file: file is required" });
    await expect(enqueue("ingest", {} as never)).rejects.toMatchObject({ code: "bad_request" });
    expect(await getQueue("ingest").count()).toBe(0);
  });

  it("fails a job for a missing file once, without retries, and lets the console see and retry it", async () => {
    const worker = await startWorker();
    const id = randomUUID();
    const outcome = outcomeOf(worker, id);
    await enqueue("ingest", { file: "/nonexistent/loans.csv", requestedBy: "test" }, { jobId: id });

    const result = await outcome;
    expect(result.state).toBe("failed");
    expect(result.state === "failed" && result.error).toMatchObject({
      name: "UnrecoverableError",
      message: "file not found: /nonexistent/loans.csv",
    });
    // Three attempts are configured; an unrecoverable error uses only one.
    const job = await getQueue("ingest").getJob(id);
    expect(job?.opts.attempts).toBe(3);
    expect(job?.attemptsMade).toBe(1);

    const failed = await recentJobs({ states: ["failed"], limit: 10 });
    expect(failed).toEqual([
      expect.objectContaining({
        id,
        queue: "ingest",
        state: "failed",
        attemptsMade: 1,
        failedReason: "file not found: /nonexistent/loans.csv",
      }),
    ]);
    expect(await countsOf()).toMatchObject({ waiting: 0, active: 0, failed: 1, completed: 0 });

    // Stop the worker first, so the retried job stays waiting long enough to be seen.
    await worker.close();
    await retryJob("ingest", id);
    expect(await job?.getState()).toBe("waiting");
    expect(await countsOf()).toMatchObject({ waiting: 1, failed: 0 });
    await job?.remove();
  });

  it("only retries jobs that exist and have failed", async () => {
    await expect(retryJob("ingest", "no-such-job")).rejects.toMatchObject({ code: "not_found" });
    const { id } = await enqueue("ingest", { file: "/nonexistent/waiting.csv", requestedBy: "test" });
    await expect(retryJob("ingest", id)).rejects.toMatchObject({
      code: "conflict",
      message: `job ${id} is waiting; only failed jobs can be retried`,
    });
    await (await getQueue("ingest").getJob(id))?.remove();
  });

  it("completes a job for a real file and returns the ingest report", async () => {
    const file = writeFile(
      tempDir(),
      "loans.csv",
      [csvHeader, csvLine(uniqueLoan()), "not,a,loan", csvLine(uniqueLoan())].join("\n"),
    );
    const source = `job-test-${randomUUID()}`;
    const worker = await startWorker();
    const id = randomUUID();
    const outcome = outcomeOf(worker, id);
    await enqueue("ingest", { file, source, requestedBy: "test" }, { jobId: id });

    const report = {
      source,
      rows: 3,
      inserted: 2,
      duplicates: 0,
      malformed: 1,
      problems: [{ line: 3, message: "expected 16 columns, found 3" }],
    };
    expect(await outcome).toEqual({ state: "completed", result: report });
    expect((await getQueue("ingest").getJob(id))?.returnvalue).toEqual(report);
    const stored = await getDb().execute(sql`select id from loan_documents where source = ${source}`);
    expect(stored.rows).toHaveLength(2);
  });
});
