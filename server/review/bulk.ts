import { sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { filterWhere, reviewFilterSchema } from "./filter";
import { assertReviewer } from "./reviewers";
import { reviewDecisions, reviewItems } from "./tables";

const note = z.string().trim().min(1, "a bulk decision needs a note saying why");

export const bulkInput = z.object({
  filter: reviewFilterSchema,
  /** How many items the reviewer saw the filter match; the action runs only if it still matches that many. */
  expectedCount: z.number().int().min(1, "a bulk action needs at least one item"),
  action: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("assign"), to: z.email("assign to a reviewer's email address").nullable() }),
    z.object({ kind: z.literal("confirm"), note }),
    z.object({ kind: z.literal("dismiss"), note }),
  ]),
});
export type BulkInput = z.infer<typeof bulkInput>;

/** Rows per INSERT of decisions: well under PostgreSQL's 65,535 parameters at 5 a row. */
const CHUNK = 5_000;

/**
 * One action on exactly the items the filter matches: a single UPDATE whose WHERE is the list's
 * own filter, in a transaction that is rolled back unless it changed as many items as the reviewer
 * saw (items enqueued, decided or reassigned since the reviewer looked would otherwise be acted
 * on unseen). Every item acted on gets its decision row; the ledger gets one entry for the action.
 */
export async function bulkReview(input: BulkInput, actor: string): Promise<{ updated: number }> {
  const { filter, expectedCount, action } = bulkInput.parse(input);
  return getDb().transaction(async (tx) => {
    if (action.kind === "assign" && action.to !== null) await assertReviewer(action.to, tx);
    const set =
      action.kind === "assign"
        ? { assignee: action.to }
        : {
            status: action.kind === "confirm" ? ("confirmed" as const) : ("dismissed" as const),
            decidedBy: actor,
            decidedAt: sql`now()`,
            note: action.note,
            // A dismissal says no reason is right; a confirmation keeps any a reviewer marked before.
            ...(action.kind === "dismiss" ? { correctReasons: null } : {}),
          };
    const updated = await tx.update(reviewItems).set(set).where(filterWhere(filter)).returning({ id: reviewItems.id });
    if (updated.length !== expectedCount)
      throw new AppError(
        "conflict",
        `the filter now matches ${updated.length} items, not the ${expectedCount} shown: nothing was changed; reload and try again`,
        { matched: updated.length, expectedCount },
      );
    const row = (id: number) =>
      action.kind === "assign"
        ? { itemId: id, action: action.kind, actor, assignee: action.to, bulk: true }
        : { itemId: id, action: action.kind, actor, note: action.note, bulk: true };
    for (let start = 0; start < updated.length; start += CHUNK)
      await tx.insert(reviewDecisions).values(updated.slice(start, start + CHUNK).map(({ id }) => row(id)));
    await recordAudit(
      {
        actor,
        action: `review.bulk-${action.kind}`,
        target: "review",
        reason: action.kind === "assign" ? undefined : action.note,
        details: { filter, updated: updated.length, ...(action.kind === "assign" ? { assignee: action.to } : {}) },
      },
      tx,
    );
    return { updated: updated.length };
  });
}
