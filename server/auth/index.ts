export {
  ROLES,
  PARTNER_SCOPES,
  isPartnerScope,
  roleSatisfies,
  roleLabel,
  type Role,
  type Access,
  type PartnerScope,
} from "./roles";
export { assertPartner, assertRole, assertRoleOrPartner, type ScopeHolder } from "./guard";
export { hashPassword, verifyPassword } from "./password";
export { verifyCredentials, upsertOidcUser, ensureDemoAccounts, DEMO_ACCOUNTS, type SessionUser } from "./users";
export { users } from "./tables";
