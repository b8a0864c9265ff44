import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { assertReviewer } from "./reviewers";
import { reviewDecisions, reviewItems } from "./tables";
import type { ReviewItem } from "./queue";

const itemId = z.number().int().positive("a review item id is a positive integer");
const note = z.string().trim().min(1, "a decision needs a note saying why");

export const decideInput = z.object({
  id: itemId,
  decision: z.enum(["confirm", "dismiss"]),
  note,
  /** Which of the detector's reasons are right; only on a confirmation. */
  correctReasons: z.array(z.string().min(1)).optional(),
});
export type DecideInput = z.infer<typeof decideInput>;

export const assignInput = z.object({
  id: itemId,
  /** A reviewer's email; null takes the item off whoever has it. */
  to: z.email("assign to a reviewer's email address").nullable(),
});
export type AssignInput = z.infer<typeof assignInput>;

const STATUS = { confirm: "confirmed", dismiss: "dismissed" } as const;

/**
 * Confirms or dismisses one item (again, if it was decided before: the latest decision stands and
 * the earlier one stays in the trail). The decision row, the item and the ledger entry are written
 * together or not at all.
 */
export async function decideReviewItem(input: DecideInput, actor: string): Promise<ReviewItem> {
  const { id, decision, note, correctReasons: marked } = decideInput.parse(input);
  if (decision === "dismiss" && marked && marked.length > 0)
    throw new AppError("bad_request", "correct reasons are marked on confirmations only: a dismissal says none is");
  return getDb().transaction(async (tx) => {
    const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.id, id)).for("update");
    if (!item) throw new AppError("not_found", `no review item ${id}`);
    const unknown = (marked ?? []).filter((reason) => !item.reasons.includes(reason));
    if (unknown.length > 0)
      throw new AppError(
        "bad_request",
        `not among item ${id}'s reasons: ${unknown.map((r) => JSON.stringify(r)).join(", ")}`,
      );
    const correctReasons = marked && marked.length > 0 ? [...new Set(marked)] : null;
    const [decided] = await tx
      .update(reviewItems)
      .set({ status: STATUS[decision], decidedBy: actor, decidedAt: sql`now()`, note, correctReasons })
      .where(eq(reviewItems.id, id))
      .returning();
    await tx.insert(reviewDecisions).values({ itemId: id, action: decision, actor, note, correctReasons });
    await recordAudit(
      {
        actor,
        action: `review.${decision}`,
        target: `review:${id}`,
        reason: note,
        details: { adviceId: item.adviceId, correctReasons },
      },
      tx,
    );
    return decided!;
  });
}

/** Assigns one item to a reviewer (or to nobody). */
export async function assignReviewItem(input: AssignInput, actor: string): Promise<ReviewItem> {
  const { id, to } = assignInput.parse(input);
  return getDb().transaction(async (tx) => {
    if (to !== null) await assertReviewer(to, tx);
    const [assigned] = await tx.update(reviewItems).set({ assignee: to }).where(eq(reviewItems.id, id)).returning();
    if (!assigned) throw new AppError("not_found", `no review item ${id}`);
    await tx.insert(reviewDecisions).values({ itemId: id, action: "assign", actor, assignee: to });
    await recordAudit({ actor, action: "review.assign", target: `review:${id}`, details: { assignee: to } }, tx);
    return assigned;
  });
}
