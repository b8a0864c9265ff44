import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPartnerKey, recordPartnerCall } from "../../partners";
import { mutateAs } from "@/test/trpc";
import { createCaller } from "../root";

const admin = { id: randomUUID(), email: "admin@partners-router.test", name: "Admin", role: "admin" as const };
const asAdmin = createCaller({ user: admin, partner: null });
const newKey = () => createPartnerKey({ name: `Router ${randomUUID()}`, scopes: ["advice"] }, "test-admin");

describe("partners.create (the console's New key form)", () => {
  it("refuses an unknown scope with a message naming it and the valid ones", async () => {
    expect(
      await mutateAs(admin, "partners.create", { name: `Partner ${randomUUID()}`, scopes: ["advice", "index:read"] }),
    ).toEqual({ status: 400, message: "scopes.1: unknown scope 'index:read'; valid scopes: advice, registry:read" });
  });

  it("refuses a rate limit below 1, naming the field", async () => {
    expect(
      await mutateAs(admin, "partners.create", {
        name: `Partner ${randomUUID()}`,
        scopes: ["advice"],
        rateLimit: { points: 0, unit: "m" },
      }),
    ).toEqual({ status: 400, message: "rateLimit.points: the rate limit's count must be at least 1" });
  });
});

describe("partners.usage and partners.setRateLimit", () => {
  it("is returned to admins by partners.usage", async () => {
    const { id } = await newKey();
    await recordPartnerCall(id, "ok");
    await recordPartnerCall(id, "rate_limited");
    const usage = await asAdmin.partners.usage({ id, range: "24h" });
    expect(usage.totals).toEqual({ ok: 1, rateLimited: 1, error: 0 });
    expect(usage.buckets.at(-1)).toMatchObject({ ok: 1, rateLimited: 1 });
    await expect(asAdmin.partners.usage({ id, range: "30d" as never })).rejects.toThrow("range must be one of 24h, 7d");
  });

  it("sets a key's limit through partners.setRateLimit", async () => {
    const { id } = await newKey();
    expect(
      await asAdmin.partners.setRateLimit({ id, rateLimit: { points: 3, unit: "m" }, reason: "a small pilot" }),
    ).toEqual({
      id,
      rateLimit: { points: 3, seconds: 60 },
    });
    expect((await asAdmin.partners.list()).find((row) => row.id === id)).toMatchObject({
      rateLimit: { points: 3, seconds: 60 },
      effectiveRateLimit: { points: 3, seconds: 60 },
    });
    await asAdmin.partners.setRateLimit({ id, rateLimit: null, reason: "pilot over" });
    expect((await asAdmin.partners.list()).find((row) => row.id === id)).toMatchObject({
      rateLimit: null,
      effectiveRateLimit: { points: 60, seconds: 60 },
    });
  });
});
