import { createHash, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { auditLog } from "../audit";
import { partnerKeys } from "./tables";
import { AppError } from "../errors";
import { createPartnerKey, listPartnerKeys, revokePartnerKey, setPartnerRateLimit, verifyPartnerKey } from ".";

const rowOf = async (id: string) => (await getDb().select().from(partnerKeys).where(eq(partnerKeys.id, id)))[0];
const name = () => `Partner ${randomUUID()}`;

describe("partner keys", () => {
  it("creates a key that verifies, stores only its hash, and records its last use", async () => {
    const created = await createPartnerKey({ name: name(), scopes: ["advice", "advice"] }, "test-admin");
    expect(created.key).toMatch(/^apfa_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(`apfa_${created.prefix}_`)).toBe(true);
    expect(created.scopes).toEqual(["advice"]);

    const stored = await rowOf(created.id);
    expect(stored?.keyHash).toBe(createHash("sha256").update(created.key).digest("hex"));
    // Neither the key nor its secret part appears anywhere in the row.
    const secret = created.key.split("_").slice(2).join("_");
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored?.lastUsedAt).toBeNull();

    expect(await verifyPartnerKey(created.key)).toEqual({
      id: created.id,
      name: created.name,
      scopes: ["advice"],
      rateLimit: null,
    });
    expect((await rowOf(created.id))?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong secret behind a real prefix, and malformed keys", async () => {
    const { key, prefix } = await createPartnerKey({ name: name(), scopes: ["advice"] }, "test-admin");
    const forged = `apfa_${prefix}_${"A".repeat(43)}`;
    for (const candidate of [
      forged,
      "",
      "apfa",
      `${key}x`,
      key.slice(0, -1),
      key.replace("apfa_", "APFA_"),
      `Bearer ${key}`,
    ]) {
      expect(await verifyPartnerKey(candidate), candidate).toBeNull();
    }
  });

  it("stops verifying a revoked key and audits creation and revocation", async () => {
    const created = await createPartnerKey({ name: name(), scopes: ["advice"] }, "test-admin");
    await revokePartnerKey(created.id, "test-admin", "leaked in a log");

    expect(await verifyPartnerKey(created.key)).toBeNull();
    expect((await rowOf(created.id))?.revokedAt).toBeInstanceOf(Date);
    const trail = await getDb().select().from(auditLog).where(eq(auditLog.target, created.id));
    expect(trail.map(({ actor, action, reason }) => ({ actor, action, reason }))).toEqual([
      { actor: "test-admin", action: "partner_key.create", reason: null },
      { actor: "test-admin", action: "partner_key.revoke", reason: "leaked in a log" },
    ]);
  });

  it("says not_found when revoking a key that does not exist", async () => {
    const error = await revokePartnerKey(randomUUID(), "test-admin").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found" });
  });

  it("refuses a key without scopes or with an unknown scope", async () => {
    await expect(createPartnerKey({ name: name(), scopes: [] }, "test-admin")).rejects.toThrow(
      "at least one scope is required",
    );
    await expect(
      createPartnerKey({ name: name(), scopes: ["advice", "models:read" as never] }, "test-admin"),
    ).rejects.toThrow("unknown scope 'models:read'; valid scopes: advice");
  });

  it("keeps a key stored with a since-removed scope working for the scopes that remain", async () => {
    const kept = await createPartnerKey({ name: name(), scopes: ["advice"] }, "test-admin");
    const onlyRemoved = await createPartnerKey({ name: name(), scopes: ["advice"] }, "test-admin");
    // As rows written when these scopes existed look: the column holds whatever was granted then.
    await getDb().execute(
      sql`update partner_keys set scopes = ${"{advice,models:read}"}::text[] where id = ${kept.id}`,
    );
    await getDb().execute(sql`update partner_keys set scopes = ${"{bias:read}"}::text[] where id = ${onlyRemoved.id}`);

    expect(await verifyPartnerKey(kept.key)).toMatchObject({ id: kept.id, scopes: ["advice"] });
    // Still a valid key (it authenticates), granting nothing.
    expect(await verifyPartnerKey(onlyRemoved.key)).toMatchObject({ id: onlyRemoved.id, scopes: [] });
    // The admin's list shows what is stored, so nothing granted disappears from view.
    const listed = (await listPartnerKeys()).filter((row) => [kept.id, onlyRemoved.id].includes(row.id));
    expect(listed.map((row) => row.scopes).sort()).toEqual([["advice", "models:read"], ["bias:read"]]);
  });

  it("sets, changes and clears a key's own rate limit, each change in the audit log", async () => {
    const created = await createPartnerKey(
      { name: name(), scopes: ["advice"], rateLimit: { points: 5, unit: "s" } },
      "test-admin",
    );
    expect(created.rateLimit).toEqual({ points: 5, seconds: 1 });
    expect(
      await setPartnerRateLimit(created.id, { points: 100, unit: "h" }, "test-admin", "bigger batch jobs"),
    ).toEqual({
      id: created.id,
      rateLimit: { points: 100, seconds: 3600 },
    });
    expect((await verifyPartnerKey(created.key))?.rateLimit).toEqual({ points: 100, seconds: 3600 });
    expect((await listPartnerKeys()).find((row) => row.id === created.id)?.rateLimit).toEqual({
      points: 100,
      seconds: 3600,
    });
    await setPartnerRateLimit(created.id, null, "test-admin");
    expect((await verifyPartnerKey(created.key))?.rateLimit).toBeNull();

    const trail = await getDb().select().from(auditLog).where(eq(auditLog.target, created.id));
    expect(trail.map(({ action, reason, details }) => ({ action, reason, details }))).toEqual([
      {
        action: "partner_key.create",
        reason: null,
        details: expect.objectContaining({ rateLimit: { points: 5, seconds: 1 } }) as unknown,
      },
      {
        action: "partner_key.set_rate_limit",
        reason: "bigger batch jobs",
        details: { from: { points: 5, seconds: 1 }, to: { points: 100, seconds: 3600 } },
      },
      {
        action: "partner_key.set_rate_limit",
        reason: null,
        details: { from: { points: 100, seconds: 3600 }, to: null },
      },
    ]);
  });

  it("refuses a limit below 1 or not whole, and a key that does not exist", async () => {
    const created = await createPartnerKey({ name: name(), scopes: ["advice"] }, "test-admin");
    await expect(setPartnerRateLimit(created.id, { points: 0, unit: "m" }, "test-admin")).rejects.toThrow(
      "the rate limit's count must be at least 1",
    );
    await expect(
      createPartnerKey({ name: name(), scopes: ["advice"], rateLimit: { points: 1.5, unit: "m" } }, "test-admin"),
    ).rejects.toThrow("the rate limit's count must be a whole number");
    await expect(setPartnerRateLimit(randomUUID(), { points: 5, unit: "m" }, "test-admin")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
