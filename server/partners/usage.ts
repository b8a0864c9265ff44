import { sql } from "drizzle-orm";
import { getDb } from "../db";
import { logger } from "../logger";
import { partnerUsage } from "./tables";

const log = logger.child("partner-usage");

/** How a partner call ended, as the usage chart counts it. */
export const PARTNER_CALL_STATUSES = ["ok", "rate_limited", "error"] as const;
export type PartnerCallStatus = (typeof PARTNER_CALL_STATUSES)[number];

/** A response's status as a usage outcome: 2xx/3xx ok, 429 rate_limited, anything else error. */
export function callStatusOf(httpStatus: number): PartnerCallStatus {
  if (httpStatus === 429) return "rate_limited";
  return httpStatus < 400 ? "ok" : "error";
}

/**
 * Counts one partner call in its UTC minute. Never throws: a partner's call must not fail because
 * its usage could not be counted, so a failure is logged (and the chart undercounts) instead.
 */
export async function recordPartnerCall(partnerId: string, status: PartnerCallStatus, at = new Date()): Promise<void> {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  try {
    await getDb()
      .insert(partnerUsage)
      .values({ partnerId, minute, status, count: 1 })
      .onConflictDoUpdate({
        target: [partnerUsage.partnerId, partnerUsage.minute, partnerUsage.status],
        set: { count: sql`${partnerUsage.count} + 1` },
      });
  } catch (error) {
    log.error("could not record a partner call", { partnerId, status, error });
  }
}

/** The chart's ranges and how wide each bar is: 24 hourly bars, or 28 six-hour bars. */
export const USAGE_RANGES = {
  "24h": { buckets: 24, bucketSeconds: 3600 },
  "7d": { buckets: 28, bucketSeconds: 6 * 3600 },
} as const;
export type UsageRange = keyof typeof USAGE_RANGES;

export interface UsageBucket {
  /** The bucket's start (UTC, ISO 8601). */
  start: string;
  ok: number;
  rateLimited: number;
  error: number;
}

export interface PartnerUsage {
  range: UsageRange;
  bucketSeconds: number;
  /** Oldest first, every bucket of the range (zeros included), the last one the current, partial one. */
  buckets: UsageBucket[];
  totals: { ok: number; rateLimited: number; error: number };
}

/** A key's calls over the last 24 h or 7 d, per outcome, in UTC-aligned buckets. */
export async function partnerUsageOf(partnerId: string, range: UsageRange, now = new Date()): Promise<PartnerUsage> {
  const { buckets: count, bucketSeconds } = USAGE_RANGES[range];
  const bucketMs = bucketSeconds * 1000;
  const firstStart = (Math.floor(now.getTime() / bucketMs) - (count - 1)) * bucketMs;
  const { rows } = await getDb().execute<{ bucket: number; status: PartnerCallStatus; calls: number }>(sql`
    select (floor(extract(epoch from minute) / ${bucketSeconds}) * ${bucketSeconds})::bigint * 1000 as "bucket",
      status as "status", sum(count)::int as "calls"
    from partner_usage
    where partner_id = ${partnerId} and minute >= ${new Date(firstStart).toISOString()}::timestamptz
      and minute <= ${now.toISOString()}::timestamptz
    group by 1, 2`);
  const buckets: UsageBucket[] = Array.from({ length: count }, (_, i) => ({
    start: new Date(firstStart + i * bucketMs).toISOString(),
    ok: 0,
    rateLimited: 0,
    error: 0,
  }));
  const totals = { ok: 0, rateLimited: 0, error: 0 };
  for (const row of rows) {
    const bucket = buckets[Math.round((Number(row.bucket) - firstStart) / bucketMs)];
    const field = row.status === "rate_limited" ? "rateLimited" : row.status;
    if (!bucket) continue;
    bucket[field] += row.calls;
    totals[field] += row.calls;
  }
  return { range, bucketSeconds, buckets, totals };
}
