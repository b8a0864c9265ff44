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

export const PARTNER_SCOPES = ["advice", "models:read", "experiments:read", "bias:read", "index:read"] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export const roleLabel: Record<Role, string> = {
  borrower: "Borrower",
  ml_engineer: "ML engineer",
  admin: "Admin",
};
