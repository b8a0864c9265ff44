import { and, eq, sql } from "drizzle-orm";
import { getDb } from "../db";
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
  if (inserted) return inserted.variant;
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
