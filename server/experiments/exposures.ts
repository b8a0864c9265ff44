import { and, asc, eq, sql } from "drizzle-orm";
import { auditLog } from "../audit";
import { getDb } from "../db";
import { countExposure } from "../metrics";
import type { WeightEpoch } from "./stats";
import { experimentAssignments } from "./tables";

/**
 * The user's arm in an experiment, sticky: the first time, `variant` is stored (the exposure,
 * logged once); afterwards the stored arm wins, even if the weights changed since. Concurrent
 * first requests of one user agree, because only one insert can win and both read it back.
 */
export async function stickyVariant(experiment: string, userId: string, variant: number): Promise<number> {
  const [inserted] = await getDb()
    .insert(experimentAssignments)
    .values({ experiment, userId, variant })
    .onConflictDoNothing()
    .returning({ variant: experimentAssignments.variant });
  if (inserted) {
    countExposure(experiment, inserted.variant);
    return inserted.variant;
  }
  const [stored] = await getDb()
    .select({ variant: experimentAssignments.variant })
    .from(experimentAssignments)
    .where(and(eq(experimentAssignments.experiment, experiment), eq(experimentAssignments.userId, userId)));
  return stored!.variant;
}

/** Users exposed per arm (index = variant), for the sample-ratio check: each user counted once. */
export async function exposuresPerArm(experiment: string, arms: number): Promise<number[]> {
  const rows = await getDb()
    .select({ variant: experimentAssignments.variant, users: sql<number>`count(*)::int` })
    .from(experimentAssignments)
    .where(eq(experimentAssignments.experiment, experiment))
    .groupBy(experimentAssignments.variant);
  return Array.from({ length: arms }, (_, i) => rows.find((r) => r.variant === i)?.users ?? 0);
}

/** Exposures per day per arm, for the console's chart. */
export async function exposuresPerDay(experiment: string): Promise<{ day: string; variant: number; users: number }[]> {
  const day = sql<string>`to_char(date_trunc('day', ${experimentAssignments.exposedAt}), 'YYYY-MM-DD')`;
  return getDb()
    .select({ day, variant: experimentAssignments.variant, users: sql<number>`count(*)::int` })
    .from(experimentAssignments)
    .where(eq(experimentAssignments.experiment, experiment))
    .groupBy(day, experimentAssignments.variant)
    .orderBy(day, experimentAssignments.variant);
}

/** What `exposuresPerWeightEpoch` needs of an experiment. */
interface EpochSource {
  key: string;
  weights: number[];
  startedAt: Date | null;
}

const isWeights = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((w) => typeof w === "number");

/**
 * Exposures per arm split by the weights in effect when each user was exposed (oldest split
 * first), for the sample-ratio check after `updateWeights`. The splits come from the ledger's
 * `experiment.weights` entries: the split at the start is the first change's `from` (or today's
 * weights if they never changed), and each change made while it ran opens a new epoch at the
 * entry's time. Changes before the start are folded into the split at the start. An exposure
 * is counted in the epoch its `exposed_at` falls in; a serving instance that has not yet re-read
 * the weights (it does within moments, on the published message) can put a handful of users in
 * the wrong epoch, which the check tolerates as noise.
 */
export async function exposuresPerWeightEpoch(experiment: EpochSource): Promise<WeightEpoch[]> {
  const changes = await getDb()
    .select({ at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, "experiment.weights"), eq(auditLog.target, experiment.key)))
    .orderBy(asc(auditLog.id));
  const arms = experiment.weights.length;
  const during = changes.filter(
    (c) => isWeights(c.details.to) && (!experiment.startedAt || c.at > experiment.startedAt),
  );
  const before = changes.filter((c) => !during.includes(c));
  const first = during[0]?.details.from;
  const atStart = isWeights(first) ? first : (before.at(-1)?.details.to as number[] | undefined);
  const splits = [atStart ?? experiment.weights, ...during.map((c) => c.details.to as number[])];
  // Epoch i starts at the i-th change (width_bucket: below the first boundary is 0).
  const boundaries = `{${during.map((c) => c.at.toISOString()).join(",")}}`;
  const { rows } = await getDb().execute<{ variant: number; epoch: number; users: number }>(sql`
    select ${experimentAssignments.variant} as variant,
      ${during.length ? sql`width_bucket(${experimentAssignments.exposedAt}, ${boundaries}::timestamptz[])` : sql`0`} as epoch,
      count(*)::int as users
    from ${experimentAssignments}
    where ${experimentAssignments.experiment} = ${experiment.key}
    group by 1, 2`);
  return splits.map((weights, epoch) => ({
    weights: weights.length === arms ? weights : experiment.weights,
    users: Array.from(
      { length: arms },
      (_, variant) => rows.find((r) => Number(r.epoch) === epoch && Number(r.variant) === variant)?.users ?? 0,
    ),
  }));
}
