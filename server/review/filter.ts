import { and, eq, gte, isNull, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { REVIEW_STATUSES, reviewItems } from "./tables";

/**
 * Which items a list shows and a bulk action acts on. One definition serves both, so a bulk
 * action changes exactly the rows the reviewer was looking at.
 */
export const reviewFilterSchema = z
  .object({
    status: z.enum(REVIEW_STATUSES).optional(),
    release: z.string().min(1, "release must not be empty").optional(),
    /** A reviewer's email; null for the items nobody is assigned. */
    assignee: z.email("assignee must be an email address").nullable().optional(),
    minScore: z.number().min(0, "minScore must be 0–1").max(1, "minScore must be 0–1").optional(),
    /** Created at or after. */
    createdFrom: z.date().optional(),
    /** Created before. */
    createdTo: z.date().optional(),
  })
  .refine((f) => !f.createdFrom || !f.createdTo || f.createdFrom < f.createdTo, {
    message: "createdFrom must be before createdTo",
    path: ["createdTo"],
  });

export type ReviewFilter = z.infer<typeof reviewFilterSchema>;

export function filterWhere(filter: ReviewFilter): SQL | undefined {
  return and(
    filter.status ? eq(reviewItems.status, filter.status) : undefined,
    filter.release ? eq(reviewItems.release, filter.release) : undefined,
    filter.assignee === null
      ? isNull(reviewItems.assignee)
      : filter.assignee
        ? eq(reviewItems.assignee, filter.assignee)
        : undefined,
    filter.minScore !== undefined ? gte(reviewItems.score, filter.minScore) : undefined,
    filter.createdFrom ? gte(reviewItems.createdAt, filter.createdFrom) : undefined,
    filter.createdTo ? lt(reviewItems.createdAt, filter.createdTo) : undefined,
  );
}
