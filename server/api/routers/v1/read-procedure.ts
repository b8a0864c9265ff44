import { userOrPartnerProcedure } from "../../trpc";

/**
 * The read APIs of releases, experiments between them and their fairness audits: partners with a
 * `registry:read` key (and ML engineers signed in to the console), served as REST at `path`.
 */
export const readProcedure = (path: `/${string}`, tag: string, summary: string) =>
  userOrPartnerProcedure("ml_engineer", "registry:read", { method: "GET", path, summary, tags: [tag], protect: true });

/** JSON has no dates: the partner contract's times are ISO 8601 strings. */
export const iso = (date: Date | null) => (date ? date.toISOString() : null);
