import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import { isPartnerScope, PARTNER_SCOPES, type PartnerScope } from "../auth";
import { getDb } from "../db";
import { partnerKeys } from "./tables";
import { AppError } from "../errors";

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
});
export type CreatePartnerKeyInput = z.input<typeof createPartnerKeyInput>;

export interface Partner {
  id: string;
  name: string;
  /** What the key grants: its stored scopes that still exist. */
  scopes: PartnerScope[];
}

/**
 * A stored row may name a scope that has since been removed (keys are never rewritten, so no
 * migration loses what an admin granted); such a scope grants nothing, the others keep working.
 */
export function grantedScopes(stored: readonly string[]): PartnerScope[] {
  return stored.filter(isPartnerScope);
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export async function createPartnerKey(input: CreatePartnerKeyInput, actor: string) {
  const { name, scopes } = createPartnerKeyInput.parse(input);
  const prefix = randomBytes(4).toString("hex");
  const key = `apfa_${prefix}_${randomBytes(32).toString("base64url")}`;
  const [row] = await getDb()
    .insert(partnerKeys)
    .values({ name, prefix, keyHash: sha256(key), scopes, createdBy: actor })
    .returning({ id: partnerKeys.id, name: partnerKeys.name, prefix: partnerKeys.prefix, scopes: partnerKeys.scopes });
  if (!row) throw new Error("partner key insert returned nothing");
  await recordAudit({ actor, action: "partner_key.create", target: row.id, details: { name, scopes, prefix } });
  return { ...row, key };
}

export async function listPartnerKeys() {
  return getDb()
    .select({
      id: partnerKeys.id,
      name: partnerKeys.name,
      prefix: partnerKeys.prefix,
      scopes: partnerKeys.scopes,
      createdBy: partnerKeys.createdBy,
      createdAt: partnerKeys.createdAt,
      lastUsedAt: partnerKeys.lastUsedAt,
      revokedAt: partnerKeys.revokedAt,
    })
    .from(partnerKeys)
    .orderBy(desc(partnerKeys.createdAt));
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
  return { id: row.id, name: row.name, scopes: grantedScopes(row.scopes) };
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

export { enforceRateLimit, rateLimitHeaders, type RateLimitState } from "./rate-limit";
