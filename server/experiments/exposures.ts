import { and, eq } from "drizzle-orm";
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
