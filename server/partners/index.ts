import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import { isPartnerScope, PARTNER_SCOPES, type PartnerScope } from "../auth";
import { getDb } from "../db";
import { partnerKeys } from "./tables";
import { AppError } from "../errors";
import { defaultRateLimit } from "./rate-limit";
import { policyFromInput, rateLimitInput, type RateLimitInput, type RateLimitPolicy } from "./rate-limit-policy";

/**
 * Partner API keys: `apfa_<prefix>_<secret>`. Shown once at creation, stored as sha256
 * (32 random bytes of secret make a slow hash unnecessary), scoped and revocable.
 */

export const createPartnerKeyInput = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name is at most 100 characters"),
  scopes: z
    .array(
      z.enum(PARTNER_SCOPES, {
        error: (issue) => `unknown scope '${String(issue.input)}'; valid scopes: ${PARTNER_SCOPES.join(", ")}`,
      }),
    )
    .min(1, "at least one scope is required")
    .transform((scopes) => [...new Set(scopes)]),
  /** The key's own limit; absent or null: the deployment's default (PARTNER_RATE_LIMIT_PER_MINUTE). */
  rateLimit: rateLimitInput.nullish(),
});
export type CreatePartnerKeyInput = z.input<typeof createPartnerKeyInput>;

export interface Partner {
  id: string;
  name: string;
  /** What the key grants: its stored scopes that still exist. */
  scopes: PartnerScope[];
  /** The key's own rate limit; null or absent: the deployment's default (enforceRateLimit reads it). */
  rateLimit?: RateLimitPolicy | null;
}

/**
 * A stored row may name a scope that has since been removed (keys are never rewritten, so no
 * migration loses what an admin granted); such a scope grants nothing, the others keep working.
 */
export function grantedScopes(stored: readonly string[]): PartnerScope[] {
  return stored.filter(isPartnerScope);
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** A row's limit columns as a policy (both set) or null (the default). */
const policyOf = (row: { rateLimitPoints: number | null; rateLimitSeconds: number | null }): RateLimitPolicy | null =>
  row.rateLimitPoints !== null && row.rateLimitSeconds !== null
    ? { points: row.rateLimitPoints, seconds: row.rateLimitSeconds }
    : null;

export async function createPartnerKey(input: CreatePartnerKeyInput, actor: string) {
  const { name, scopes, rateLimit: limitInput } = createPartnerKeyInput.parse(input);
  const rateLimit = limitInput ? policyFromInput(limitInput) : null;
  const prefix = randomBytes(4).toString("hex");
  const key = `apfa_${prefix}_${randomBytes(32).toString("base64url")}`;
  const [row] = await getDb()
    .insert(partnerKeys)
    .values({
      name,
      prefix,
      keyHash: sha256(key),
      scopes,
      rateLimitPoints: rateLimit?.points ?? null,
      rateLimitSeconds: rateLimit?.seconds ?? null,
      createdBy: actor,
    })
    .returning({ id: partnerKeys.id, name: partnerKeys.name, prefix: partnerKeys.prefix, scopes: partnerKeys.scopes });
  if (!row) throw new Error("partner key insert returned nothing");
  await recordAudit({
    actor,
    action: "partner_key.create",
    target: row.id,
    details: { name, scopes, prefix, rateLimit },
  });
  return { ...row, rateLimit, key };
}

/**
 * Gives a key its own limit (`null`: back to the default). Takes effect on the key's next call in
 * every web instance: the limit is read with the key, and a new limit counts in a new window.
 */
export async function setPartnerRateLimit(
  id: string,
  input: RateLimitInput | null,
  actor: string,
  reason?: string,
): Promise<{ id: string; rateLimit: RateLimitPolicy | null }> {
  const rateLimit = input === null ? null : policyFromInput(rateLimitInput.parse(input));
  // One transaction: the ledger never records a change that did not happen, nor the reverse.
  await getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({ rateLimitPoints: partnerKeys.rateLimitPoints, rateLimitSeconds: partnerKeys.rateLimitSeconds })
      .from(partnerKeys)
      .where(eq(partnerKeys.id, id))
      .for("update");
    if (!before) throw new AppError("not_found", `no partner key with id ${id}`);
    await tx
      .update(partnerKeys)
      .set({ rateLimitPoints: rateLimit?.points ?? null, rateLimitSeconds: rateLimit?.seconds ?? null })
      .where(eq(partnerKeys.id, id));
    await recordAudit(
      {
        actor,
        action: "partner_key.set_rate_limit",
        target: id,
        reason,
        details: { from: policyOf(before), to: rateLimit },
      },
      tx,
    );
  });
  return { id, rateLimit };
}

/** Every key, newest first, with its own limit (`rateLimit`, null: none) and the one enforced. */
export async function listPartnerKeys() {
  const rows = await getDb()
    .select({
      id: partnerKeys.id,
      name: partnerKeys.name,
      prefix: partnerKeys.prefix,
      scopes: partnerKeys.scopes,
      rateLimitPoints: partnerKeys.rateLimitPoints,
      rateLimitSeconds: partnerKeys.rateLimitSeconds,
      createdBy: partnerKeys.createdBy,
      createdAt: partnerKeys.createdAt,
      lastUsedAt: partnerKeys.lastUsedAt,
      revokedAt: partnerKeys.revokedAt,
    })
    .from(partnerKeys)
    .orderBy(desc(partnerKeys.createdAt));
  return rows.map(({ rateLimitPoints, rateLimitSeconds, ...row }) => {
    const rateLimit = policyOf({ rateLimitPoints, rateLimitSeconds });
    return { ...row, rateLimit, effectiveRateLimit: rateLimit ?? defaultRateLimit() };
  });
}

export async function revokePartnerKey(id: string, actor: string, reason?: string): Promise<void> {
  const [row] = await getDb()
    .update(partnerKeys)
    .set({ revokedAt: new Date() })
    .where(eq(partnerKeys.id, id))
    .returning({ id: partnerKeys.id });
  if (!row) throw new AppError("not_found", `no partner key with id ${id}`);
  await recordAudit({ actor, action: "partner_key.revoke", target: id, reason });
}

/** The partner behind a raw key, or null for a malformed, unknown or revoked key. Records last use. */
export async function verifyPartnerKey(rawKey: string): Promise<Partner | null> {
  const match = /^apfa_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/.exec(rawKey.trim());
  if (!match?.[1]) return null;
  const [row] = await getDb().select().from(partnerKeys).where(eq(partnerKeys.prefix, match[1]));
  if (!row || row.revokedAt) return null;
  const expected = Buffer.from(row.keyHash, "hex");
  const actual = Buffer.from(sha256(rawKey.trim()), "hex");
  if (!timingSafeEqual(expected, actual)) return null;
  await getDb().update(partnerKeys).set({ lastUsedAt: new Date() }).where(eq(partnerKeys.id, row.id));
  return { id: row.id, name: row.name, scopes: grantedScopes(row.scopes), rateLimit: policyOf(row) };
}

/** The partner behind a request's Authorization header, and whether a key was sent at all. */
export async function partnerFromAuthorization(
  authorization: string | null | undefined,
): Promise<{ partner: Partner | null; keySent: boolean }> {
  const key = bearerToken(authorization);
  return { partner: key ? await verifyPartnerKey(key) : null, keySent: key !== undefined };
}

export function bearerToken(authorization: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return match?.[1];
}

export { defaultRateLimit, enforceRateLimit, rateLimitHeaders, rateLimitKey, type RateLimitState } from "./rate-limit";
export {
  describeRateLimit,
  formatRateLimit,
  parseRateLimit,
  policyFromInput,
  rateLimitInput,
  RATE_LIMIT_UNITS,
  type RateLimitInput,
  type RateLimitPolicy,
  type RateLimitUnit,
} from "./rate-limit-policy";
export {
  callStatusOf,
  partnerUsageOf,
  recordPartnerCall,
  PARTNER_CALL_STATUSES,
  USAGE_RANGES,
  type PartnerCallStatus,
  type PartnerUsage,
  type UsageBucket,
  type UsageRange,
} from "./usage";
