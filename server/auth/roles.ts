/** Roles and partner scopes: plain data, safe to import from client components. */

export const ROLES = ["borrower", "ml_engineer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a procedure or route requires; `partner` means a valid partner API key. */
export type Access = "public" | "borrower" | "ml_engineer" | "admin" | "partner";

/** A higher role may do everything a lower one may. */
const rank: Record<Role, number> = { borrower: 1, ml_engineer: 2, admin: 3 };

export function roleSatisfies(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}

/**
 * Only scopes that some procedure or route checks: a scope nothing checks would read as a grant
 * and grant nothing. A read API that needs a new scope adds it here together with its check.
 * Keys stored with a scope since removed keep working for the scopes still listed.
 * - `advice`: the partner advice operations (/api/v1/advice…, partnerProcedure("advice"));
 * - `registry:read`: the read-only registry and release procedures, and the /api/v1 reads of
 *   releases, experiments and fairness audits (userOrPartnerProcedure).
 */
export const PARTNER_SCOPES = ["advice", "registry:read"] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export function isPartnerScope(scope: string): scope is PartnerScope {
  return (PARTNER_SCOPES as readonly string[]).includes(scope);
}

export const roleLabel: Record<Role, string> = {
  borrower: "Borrower",
  ml_engineer: "ML engineer",
  admin: "Admin",
};
