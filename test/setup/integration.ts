import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";

/**
 * Runs in each integration test file's worker before the file is imported.
 *
 * Refuse to run unless global setup's database reached this worker: otherwise the tests
 * would write to whatever DATABASE_URL the developer's shell happens to point at.
 */
const runId = process.env.APFA_IT_RUN;
if (!runId || !process.env.DATABASE_URL?.includes(runId)) {
  throw new Error("integration tests must run through test/global-setup.ts (npx vitest run --project integration)");
}

// One queue prefix per file (still under the run's prefix, which teardown deletes), so queue counts
// and worker heartbeats seen by one file are its own, whichever files ran before it.
process.env.APFA_QUEUE_PREFIX = `${runId}_${randomBytes(3).toString("hex")}`;

// A shadow replay asks production and the candidate every recent question: the product's 200
// would make each promotion in a test take seconds; 20 exercise the same comparison.
process.env.APFA_SHADOW_QUESTIONS ??= "20";
// Likewise a fairness audit: 8 cases (72 answers) instead of the whole set's 240 (2,160 answers).
process.env.APFA_AUDIT_CASES ??= "8";

// Close what the file opened, so the worker exits promptly and the database can be dropped.
afterAll(async () => {
  const [{ closeQueues }, { closeRedis }, { closeDb }, { closeLiveIndex }] = await Promise.all([
    import("@/server/queues"),
    import("@/server/redis"),
    import("@/server/db"),
    import("@/server/index-store"),
  ]);
  await closeLiveIndex();
  await closeQueues();
  await closeRedis();
  await closeDb();
});
