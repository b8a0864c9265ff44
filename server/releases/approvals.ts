import { eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { compositionOf, getRelease, releaseApprovals, releaseParts } from "../registry";
import type { Actor } from "./permissions";

export interface Approval {
  approver: string;
  note: string | null;
  at: Date;
}

/** The approvals that still hold: given to the release's current composition. */
export async function approvalsOf(version: string): Promise<Approval[]> {
  const release = await getRelease(version);
  const composition = compositionOf(release, await releaseParts(release));
  const rows = await getDb().select().from(releaseApprovals).where(eq(releaseApprovals.release, version));
  return rows
    .filter((row) => row.composition === composition)
    .map((row) => ({ approver: row.approver, note: row.note, at: row.createdAt }));
}

/**
 * A second person's approval of a release's exact composition, in the ledger. Borrowers cannot
 * approve; nobody approves a release twice. An approval counts only for someone other than the
 * approver (four-eyes), and is void once anything in the release changes.
 */
export async function approveRelease(input: { version: string; note?: string; actor: Actor }): Promise<Approval[]> {
  if (input.actor.role === "borrower") throw new AppError("forbidden", "only ML engineers and admins approve releases");
  const release = await getRelease(input.version);
  const composition = compositionOf(release, await releaseParts(release));
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(releaseApprovals)
      .values({ release: release.version, composition, approver: input.actor.email, note: input.note ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("conflict", `${input.actor.email} has already approved release ${release.version}`);
    await recordAudit(
      {
        actor: input.actor.email,
        action: "release.approve",
        target: release.version,
        reason: input.note,
        details: { composition },
      },
      tx,
    );
  });
  return approvalsOf(release.version);
}
