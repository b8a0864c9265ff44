import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "../db";
import { AppError } from "../errors";
import { loadAuditSet } from "../fairness";
import { logger } from "../logger";
import { enqueue } from "../queues";
import { aliasedRelease, compositionOf, getRelease, listReleases, PRODUCTION, releaseParts } from "../registry";
import { AlreadyClaimed, casesToAsk, NIGHTLY_REQUESTER, runFairnessAudit, type AuditRow } from "./run";
import { getFairnessAudit } from "./views";
import { fairnessAudits } from "./tables";

const log = logger.child("fairness-audit");

/** The release's current composition, which is what an audit is of. */
async function compositionNow(version: string) {
  const release = await getRelease(version);
  return { release, composition: compositionOf(release, await releaseParts(release)) };
}

/** A queued or running audit of exactly this composition, which a new request joins instead of repeating. */
async function inFlight(version: string, composition: string): Promise<AuditRow | undefined> {
  const [row] = await getDb()
    .select()
    .from(fairnessAudits)
    .where(
      and(
        eq(fairnessAudits.release, version),
        eq(fairnessAudits.composition, composition),
        inArray(fairnessAudits.status, ["queued", "running"]),
      ),
    )
    .orderBy(desc(fairnessAudits.id))
    .limit(1);
  return row;
}

async function recordAudit(version: string, actor: string): Promise<{ row: AuditRow; joined: boolean }> {
  const { release, composition } = await compositionNow(version);
  const joined = await inFlight(release.version, composition);
  if (joined) return { row: joined, joined: true };
  const loaded = loadAuditSet();
  const [row] = await getDb()
    .insert(fairnessAudits)
    .values({
      release: release.version,
      composition,
      status: "queued",
      auditSet: loaded.version,
      cases: casesToAsk(loaded.set.cases).length,
      requestedBy: actor,
    })
    .returning();
  return { row: row!, joined: false };
}

/**
 * Records an audit of the release's current composition and queues it for the worker; a request
 * while one of the same composition is queued or running returns that one.
 */
export async function requestFairnessAudit(input: {
  version: string;
  actor: string;
}): Promise<{ auditId: number; jobId: string | null; joined: boolean }> {
  const { row, joined } = await recordAudit(input.version, input.actor);
  if (joined) return { auditId: row.id, jobId: null, joined };
  const job = await enqueue("fairness-audit", { requestedBy: input.actor, auditId: row.id });
  log.info("fairness audit queued", { release: row.release, auditId: row.id, cases: row.cases, jobId: job.id });
  return { auditId: row.id, jobId: job.id, joined };
}

/** Records and runs an audit in this process, for callers that wait for the verdict (`index promote`). */
export async function runFairnessAuditNow(version: string, actor: string): Promise<AuditRow> {
  const { row, joined } = await recordAudit(version, actor);
  if (joined) return row;
  return runFairnessAudit(row.id);
}

const FINISHED = new Set(["passed", "failed", "error"]);

/** Polls an audit until it has a verdict (the worker, or another process, is running it). */
export async function waitForFairnessAudit(auditId: number, timeoutMs = 60 * 60_000): Promise<AuditRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await getFairnessAudit(auditId);
    if (FINISHED.has(row.status)) return row;
    if (Date.now() > deadline) {
      throw new AppError(
        "conflict",
        `fairness audit ${auditId} is still ${row.status} (${row.done} of ${row.cases} cases)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The release's audit verdict, producing it in this process if need be: `index promote` and
 * tests wait for their gates rather than fail on a pending audit. A queued audit is run here
 * (unless the worker claims it first, then it is waited for); none, or one that could not run,
 * is recorded and run here.
 */
export async function ensureFairnessAudit(version: string, actor: string): Promise<AuditRow> {
  const latest = await latestAuditOf(version);
  if (!latest || latest.status === "error") return runFairnessAuditNow(version, actor);
  return runOrWaitFor(latest.id);
}

/** An audit's verdict: a queued audit is run here unless the worker claims it first, then waited for. */
export async function runOrWaitFor(auditId: number): Promise<AuditRow> {
  try {
    return await runFairnessAudit(auditId);
  } catch (error) {
    if (!(error instanceof AlreadyClaimed)) throw error;
  }
  return waitForFairnessAudit(auditId);
}

/**
 * The newest audit of a release's current composition (an audit of anything else does not count), or
 * null. Callers that already read the release pass its composition instead of reading it again.
 */
export async function latestAuditOf(version: string, known?: { composition: string }): Promise<AuditRow | null> {
  const composition = known?.composition ?? (await compositionNow(version)).composition;
  const [row] = await getDb()
    .select()
    .from(fairnessAudits)
    .where(and(eq(fairnessAudits.release, version), eq(fairnessAudits.composition, composition)))
    .orderBy(desc(fairnessAudits.id))
    .limit(1);
  return row ?? null;
}

/**
 * The worker's sweep: every release that is not archived and has no audit of its current
 * composition gets one, so no release waits at the fairness gate for someone to ask; with
 * `production`, the release in production is audited again (the nightly check).
 */
export async function queueMissingAudits(options: { production?: boolean } = {}): Promise<number[]> {
  const queued: number[] = [];
  const live = (await listReleases()).filter((release) => !release.archivedAt);
  for (const release of live) {
    if (await latestAuditOf(release.version)) continue;
    queued.push((await requestFairnessAudit({ version: release.version, actor: "schedule" })).auditId);
  }
  const production = options.production ? await aliasedRelease(PRODUCTION) : null;
  if (production) {
    queued.push((await requestFairnessAudit({ version: production.version, actor: NIGHTLY_REQUESTER })).auditId);
  }
  return [...new Set(queued)];
}
