import { sql } from "drizzle-orm";
import type { BiasTrendPoint } from "../bias";
import { getDb } from "../db";
import { AppError } from "../errors";

export const MAX_TREND_DAYS = 366;

/**
 * Bias per release per UTC day over the stored answers: answered requests that carry a bias
 * score, their mean score and the share flagged. Days run back from today (`days` of them,
 * today included); a release with no answers on a day has no row for it. `production` keeps only
 * the answers production served (those outside every experiment), whichever release it was.
 */
export async function biasTrends(
  options: { release?: string; days?: number; now?: Date; production?: boolean } = {},
): Promise<BiasTrendPoint[]> {
  const days = options.days ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TREND_DAYS)
    throw new AppError("bad_request", `days: must be a whole number from 1 to ${MAX_TREND_DAYS}, not ${days}`);
  const now = options.now ?? new Date();
  const result = await getDb().execute<{
    day: string;
    release: string;
    requests: number;
    meanScore: number;
    flagRate: number;
  }>(sql`
    select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as "day",
      release as "release",
      count(*)::int as "requests",
      avg(bias_score)::float8 as "meanScore",
      (count(*) filter (where bias_flagged))::float8 / count(*) as "flagRate"
    from advice_requests
    where status = 'ok' and release is not null and bias_score is not null
      and created_at >= date_trunc('day', ${now.toISOString()}::timestamptz at time zone 'UTC') at time zone 'UTC'
        - make_interval(days => ${days - 1})
      and created_at <= ${now.toISOString()}::timestamptz
      ${options.release === undefined ? sql`` : sql`and release = ${options.release}`}
      ${options.production ? sql`and experiment is null` : sql``}
    group by 1, 2
    order by 1, 2`);
  return result.rows.map((row) => ({
    day: row.day,
    release: row.release,
    requests: row.requests,
    meanScore: row.meanScore,
    flagRate: row.flagRate,
  }));
}
