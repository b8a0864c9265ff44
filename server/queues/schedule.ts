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

const AUDIT_SWEEP_ID = "fairness-audit-sweep";
const AUDIT_NIGHTLY_ID = "fairness-audit-nightly";

/**
 * Every minute, releases without an audit of their current composition get one queued (so the
 * fairness gate never waits on someone remembering); APFA_AUDIT_CRON re-audits production.
 */
export async function scheduleFairnessAudits(): Promise<void> {
  const queue = getQueue("fairness-audit");
  await queue.upsertJobScheduler(
    AUDIT_SWEEP_ID,
    { every: 60_000 },
    { name: "fairness-audit", data: { requestedBy: "schedule", sweep: "missing" } },
  );
  if (env.APFA_AUDIT_CRON === "off") {
    await queue.removeJobScheduler(AUDIT_NIGHTLY_ID);
    log.info("nightly production audit off");
    return;
  }
  await queue.upsertJobScheduler(
    AUDIT_NIGHTLY_ID,
    { pattern: env.APFA_AUDIT_CRON },
    { name: "fairness-audit", data: { requestedBy: "schedule", sweep: "nightly" } },
  );
  log.info("fairness audits scheduled", { nightly: env.APFA_AUDIT_CRON });
}

const BIAS_ALERTS_ID = "bias-alerts";

/**
 * Every 15 minutes the bias alert rules are evaluated: their windows are days, so a regression
 * is raised within a quarter of an hour of its crossing, and a re-run of a window raises nothing new.
 */
export async function scheduleBiasAlertChecks(): Promise<void> {
  await getQueue("bias-alerts").upsertJobScheduler(
    BIAS_ALERTS_ID,
    { every: 15 * 60_000 },
    { name: "bias-alerts", data: { requestedBy: "schedule" } },
  );
}
