import { env } from "../env";
import { logger } from "../logger";
import { getQueue } from "./queues";

const SCHEDULER_ID = "index-refresh";
const log = logger.child("schedule");

/**
 * The repeatable background refresh: re-embed new and changed documents and, if anything
 * changed, build and validate a candidate (never promoted automatically). Idempotent: every
 * worker start upserts the same scheduler; INDEX_REFRESH_CRON=off removes it.
 */
export async function scheduleIndexRefresh(): Promise<void> {
  const queue = getQueue("embed");
  if (env.INDEX_REFRESH_CRON === "off") {
    await queue.removeJobScheduler(SCHEDULER_ID);
    log.info("index refresh schedule off");
    return;
  }
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { pattern: env.INDEX_REFRESH_CRON },
    {
      name: "embed",
      data: { requestedBy: "schedule", build: "if-changed", kind: "exact", reason: "scheduled refresh" },
    },
  );
  log.info("index refresh scheduled", { cron: env.INDEX_REFRESH_CRON });
}

const GUARDRAILS_ID = "experiment-guardrails";

/** Every minute, running experiments' guardrails are checked (idempotent: one scheduler per id). */
export async function scheduleGuardrailChecks(): Promise<void> {
  await getQueue("experiment-guardrails").upsertJobScheduler(
    GUARDRAILS_ID,
    { every: 60_000 },
    { name: "experiment-guardrails", data: { requestedBy: "schedule" } },
  );
}
