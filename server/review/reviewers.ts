import { eq } from "drizzle-orm";
import { roleSatisfies, users } from "../auth";
import { AppError } from "../errors";
import type { ReviewWriter } from "./enqueue";

/** Refuses an assignee who is not a reviewer: a known user with the ML engineer role or above. */
export async function assertReviewer(email: string, db: ReviewWriter): Promise<void> {
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.email, email));
  if (!user) throw new AppError("bad_request", `cannot assign to ${email}: no such user`);
  if (!roleSatisfies(user.role, "ml_engineer"))
    throw new AppError("bad_request", `cannot assign to ${email}: reviewers are ML engineers and admins`);
}
