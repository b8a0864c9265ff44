import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callStatusOf, createPartnerKey, partnerUsageOf, recordPartnerCall } from ".";

const newKey = () => createPartnerKey({ name: `Usage ${randomUUID()}`, scopes: ["advice"] }, "test-admin");

describe("partner usage", () => {
  it("counts calls per minute and outcome, and sums them into the range's buckets", async () => {
    const { id } = await newKey();
    const now = new Date("2026-03-10T12:34:56Z");
    const at = (iso: string) => new Date(iso);
    await recordPartnerCall(id, "ok", at("2026-03-10T12:30:01Z"));
    await recordPartnerCall(id, "ok", at("2026-03-10T12:30:59Z"));
    await recordPartnerCall(id, "rate_limited", at("2026-03-10T12:31:00Z"));
    await recordPartnerCall(id, "error", at("2026-03-10T10:05:00Z"));
    // Outside the last 24 h: not in the day's chart, in the week's.
    await recordPartnerCall(id, "ok", at("2026-03-09T08:00:00Z"));

    const day = await partnerUsageOf(id, "24h", now);
    expect(day.bucketSeconds).toBe(3600);
    expect(day.buckets).toHaveLength(24);
    expect(day.buckets[0]?.start).toBe("2026-03-09T13:00:00.000Z");
    expect(day.buckets.at(-1)).toEqual({ start: "2026-03-10T12:00:00.000Z", ok: 2, rateLimited: 1, error: 0 });
    expect(day.buckets.at(-3)).toEqual({ start: "2026-03-10T10:00:00.000Z", ok: 0, rateLimited: 0, error: 1 });
    expect(day.totals).toEqual({ ok: 2, rateLimited: 1, error: 1 });

    const week = await partnerUsageOf(id, "7d", now);
    expect(week.buckets).toHaveLength(28);
    expect(week.buckets.at(-1)?.start).toBe("2026-03-10T12:00:00.000Z");
    expect(week.totals).toEqual({ ok: 3, rateLimited: 1, error: 1 });
  });

  it("keeps one row per minute and outcome however many calls it counts", async () => {
    const { id } = await newKey();
    const minute = new Date("2026-03-10T09:15:00Z");
    await Promise.all(Array.from({ length: 20 }, () => recordPartnerCall(id, "ok", minute)));
    const usage = await partnerUsageOf(id, "24h", new Date("2026-03-10T09:20:00Z"));
    expect(usage.totals.ok).toBe(20);
  });

  it.each([
    [200, "ok"],
    [201, "ok"],
    [304, "ok"],
    [400, "error"],
    [422, "error"],
    [429, "rate_limited"],
    [500, "error"],
    [503, "error"],
  ] as const)("counts a %i as %s", (status, outcome) => {
    expect(callStatusOf(status)).toBe(outcome);
  });
});
