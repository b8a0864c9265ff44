import { AppError } from "../errors";
import { roleSatisfies, type PartnerScope, type Role } from "./roles";
import type { SessionUser } from "./users";

/**
 * Who may call what, for tRPC procedures and route handlers alike: one set of checks and one set
 * of messages. Failures are AppErrors, which each transport maps to its status in one place.
 */

export function assertRole(user: SessionUser | null, role: Role): SessionUser {
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  if (!roleSatisfies(user.role, role)) {
    throw new AppError("forbidden", `This needs the ${role} role; you are signed in as ${user.role}.`);
  }
  return user;
}

/** Anything holding partner scopes (the partners domain's Partner); kept structural so auth stays below partners. */
export interface ScopeHolder {
  scopes: readonly string[];
}

/**
 * A partner key that is valid and, with a scope, carries it. `keySent` tells a missing key from
 * one that is unknown or revoked, so the caller learns which to fix.
 */
export function assertPartner<P extends ScopeHolder>(
  partner: P | null,
  scope: PartnerScope | undefined,
  keySent: boolean,
): P {
  if (!partner) {
    throw new AppError(
      "unauthorized",
      keySent
        ? "That API key is not valid or has been revoked."
        : "A partner API key is required: send it as Authorization: Bearer <key>.",
    );
  }
  if (scope && !partner.scopes.includes(scope))
    throw new AppError("forbidden", `This API key lacks the '${scope}' scope.`);
  return partner;
}

/**
 * A signed-in person with the role, or else a partner key with the scope: for read-only
 * procedures the console and partners share. A session decides when there is one (a person's
 * role is the stronger claim); without one, the key does, and without either the caller learns
 * it may use both.
 */
export function assertRoleOrPartner<P extends ScopeHolder>(
  user: SessionUser | null,
  role: Role,
  partner: P | null,
  scope: PartnerScope,
  keySent: boolean,
): { user: SessionUser; partner: null } | { user: null; partner: P } {
  if (user) return { user: assertRole(user, role), partner: null };
  if (!partner && !keySent) {
    throw new AppError(
      "unauthorized",
      `Sign in (as ${role} or above) or send a partner API key with the '${scope}' scope as Authorization: Bearer <key>.`,
    );
  }
  return { user: null, partner: assertPartner(partner, scope, keySent) };
}
