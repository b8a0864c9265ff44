import type { Role } from "../auth";
import { PRODUCTION } from "../registry";

/** Whoever moves an alias: a signed-in person, or the operator at the CLI (who holds the database). */
export interface Actor {
  email: string;
  role: Role;
}

export type AliasPermission = "allowed" | "needs-approval" | "forbidden";

/**
 * Who may move which release alias. ML engineers move `staging` and their own aliases freely;
 * `production` takes an admin, or an ML engineer whose release a second person has approved.
 * With the four-eyes policy even an admin needs that approval.
 */
export function aliasPermission(role: Role, alias: string, fourEyes: boolean): AliasPermission {
  if (role === "borrower") return "forbidden";
  if (alias !== PRODUCTION) return "allowed";
  if (role === "admin" && !fourEyes) return "allowed";
  return "needs-approval";
}
