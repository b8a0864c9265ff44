import { asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit";
import { getDb } from "../db";
import { AppError, describeZodError } from "../errors";
import { getRedis } from "../redis";
import { findRelease } from "../registry";
import { experimentsChannel } from "./events";
import {
  equalWeights,
  experimentInputSchema,
  namespacesOverlap,
  weightsProblem,
  weightsSchema,
  type ExperimentInput,
} from "./config";
import { experiments, type ExperimentStatus } from "./tables";

export type Experiment = typeof experiments.$inferSelect;

/** Status changes and creations take this lock, so two starts cannot both pass the overlap check. */
const EXPERIMENTS_LOCK = sql`select pg_advisory_xact_lock(hashtext('apfa:experiments'))`;

export async function getExperiment(key: string): Promise<Experiment> {
  const [row] = await getDb().select().from(experiments).where(eq(experiments.key, key));
  if (!row) throw new AppError("not_found", `there is no experiment ${key}`);
  return row;
}

export async function listExperiments(): Promise<Experiment[]> {
  return getDb().select().from(experiments).orderBy(asc(experiments.createdAt));
}

export async function runningExperiments(): Promise<Experiment[]> {
  return getDb()
    .select()
    .from(experiments)
    .where(eq(experiments.status, "running"))
    .orderBy(asc(experiments.startedAt));
}

/**
 * Creates a draft experiment between releases (control first). Checks the fields, that every
 * release exists, and that the key is new; writes the experiment and its ledger entry together.
 */
export async function createExperiment(input: ExperimentInput, actor: string): Promise<Experiment> {
  const parsed = experimentInputSchema.safeParse(input);
  if (!parsed.success) {
    const { message } = describeZodError(parsed.error);
    throw new AppError("bad_request", message);
  }
  const config = parsed.data;
  for (const [i, release] of config.variants.entries()) {
    if (!(await findRelease(release)))
      throw new AppError("bad_request", `variants.${i}: there is no release ${release}`);
  }
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(experiments)
      .values({
        key: config.key,
        hypothesis: config.hypothesis,
        variants: config.variants,
        weights: config.weights ?? equalWeights(config.variants.length),
        coverage: config.coverage,
        seed: config.seed ?? config.key,
        hashVersion: config.hashVersion,
        primaryMetric: config.primaryMetric,
        guardrails: config.guardrails,
        namespace: config.namespace ?? null,
        createdBy: actor,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("conflict", `key: an experiment ${config.key} already exists`);
    await recordAudit(
      {
        actor,
        action: "experiment.create",
        target: row.key,
        details: { variants: row.variants, weights: row.weights },
      },
      tx,
    );
    return row;
  });
}

const TRANSITIONS: Record<"start" | "stop", { from: ExperimentStatus; to: ExperimentStatus }> = {
  start: { from: "draft", to: "running" },
  stop: { from: "running", to: "stopped" },
};

/**
 * Starts a draft or stops a running experiment, with the reason in the ledger. A stopped
 * experiment stays stopped (its users' assignments are history). Starting refuses an experiment
 * whose namespace slice overlaps a running one's, so their users never meet.
 */
export async function changeStatus(
  key: string,
  change: "start" | "stop",
  by: { actor: string; reason: string; details?: Record<string, unknown> },
): Promise<Experiment> {
  if (by.reason.trim().length < 3)
    throw new AppError("bad_request", "--reason: say why (it is recorded in the ledger)");
  const changed = await moveStatus(key, change, by);
  // Instances re-read the running experiments now rather than at their next reconcile.
  await getRedis().publish(experimentsChannel(), key);
  return changed;
}

/** The arm a stop shipped (`details.shipped`), if it was a ship. */
const shippedVariantOf = (details: Record<string, unknown> | undefined) =>
  typeof details?.shipped === "number" ? details.shipped : null;

async function moveStatus(
  key: string,
  change: "start" | "stop",
  by: { actor: string; reason: string; details?: Record<string, unknown> },
): Promise<Experiment> {
  const { from, to } = TRANSITIONS[change];
  return getDb().transaction(async (tx) => {
    await tx.execute(EXPERIMENTS_LOCK);
    const [row] = await tx.select().from(experiments).where(eq(experiments.key, key)).for("update");
    if (!row) throw new AppError("not_found", `there is no experiment ${key}`);
    if (row.status !== from) {
      throw new AppError(
        "conflict",
        `experiment ${key} is ${row.status}; only a ${from} experiment can be ${change === "start" ? "started" : "stopped"}`,
      );
    }
    if (change === "start" && row.namespace) {
      const running = await tx.select().from(experiments).where(eq(experiments.status, "running"));
      const clash = running.find((other) => other.namespace && namespacesOverlap(other.namespace, row.namespace!));
      if (clash) {
        throw new AppError(
          "conflict",
          `namespace: ${row.namespace.id} [${row.namespace.start}, ${row.namespace.end}) overlaps running experiment ${clash.key} [${clash.namespace!.start}, ${clash.namespace!.end})`,
        );
      }
    }
    const now = new Date();
    const [updated] = await tx
      .update(experiments)
      .set(
        change === "start"
          ? { status: to, startedAt: now }
          : { status: to, stoppedAt: now, stopReason: by.reason, shippedVariant: shippedVariantOf(by.details) },
      )
      .where(eq(experiments.key, key))
      .returning();
    await recordAudit(
      { actor: by.actor, action: `experiment.${change}`, target: key, reason: by.reason, details: by.details ?? {} },
      tx,
    );
    return updated!;
  });
}

/**
 * Changes an experiment's split (e.g. 50/50 → 10/90), through the ledger like a start or a stop.
 * Users already exposed keep their stored arm (stickiness is the assignment row, not the weights);
 * only users exposed from now on are bucketed with the new weights. Checked like create's weights:
 * one per variant, each in [0, 1], adding up to 1 (±0.01). A stopped experiment's split is history
 * and is refused. Serving instances re-read the running experiments at once.
 */
export async function updateWeights(
  key: string,
  weights: readonly number[],
  by: { actor: string; reason: string },
): Promise<Experiment> {
  if (by.reason.trim().length < 3)
    throw new AppError("bad_request", "--reason: say why (it is recorded in the ledger)");
  const parsed = weightsSchema.safeParse(weights);
  if (!parsed.success) {
    const { message } = describeZodError({
      issues: parsed.error.issues.map((issue) => ({ ...issue, path: ["weights", ...issue.path] })),
    });
    throw new AppError("bad_request", message);
  }
  const updated = await getDb().transaction(async (tx) => {
    await tx.execute(EXPERIMENTS_LOCK);
    const [row] = await tx.select().from(experiments).where(eq(experiments.key, key)).for("update");
    if (!row) throw new AppError("not_found", `there is no experiment ${key}`);
    if (row.status === "stopped")
      throw new AppError(
        "conflict",
        `experiment ${key} is stopped; only a draft or running experiment's weights change`,
      );
    const problem = weightsProblem(parsed.data, row.variants.length);
    if (problem) throw new AppError("bad_request", `weights: ${problem}`);
    const [changed] = await tx
      .update(experiments)
      .set({ weights: parsed.data })
      .where(eq(experiments.key, key))
      .returning();
    await recordAudit(
      {
        actor: by.actor,
        action: "experiment.weights",
        target: key,
        reason: by.reason,
        details: { from: row.weights, to: parsed.data },
      },
      tx,
    );
    return changed!;
  });
  // Instances re-read the running experiments now, so new users are bucketed with the new split.
  await getRedis().publish(experimentsChannel(), key);
  return updated;
}
