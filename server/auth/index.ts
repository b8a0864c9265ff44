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
export { hashPassword, verifyPassword } from "./password";
export { verifyCredentials, upsertOidcUser, ensureDemoAccounts, DEMO_ACCOUNTS, type SessionUser } from "./users";
