import { sql, type SQL } from "drizzle-orm";
import { getDb } from "../db";

/** How the stored requests served by one component version (or one release) went. */
export interface ServedMetrics {
  requests: number;
  /** Requests that ended in an error (the others answered or were stopped by the borrower). */
  errors: number;
  /** Over answered requests only: an error's latency says how fast it failed, not how fast it served. */
  meanLatencyMs: number | null;
  p95LatencyMs: number | null;
  /** Mean of the borrowers' 1–5 ratings, and how many rated. */
  meanRating: number | null;
  ratings: number;
  /** Share of checked answers the bias check flagged (null when none was checked). */
  biasFlagRate: number | null;
}

export interface ComponentMetrics extends ServedMetrics {
  /** The key in `advice_requests.versions`: embedder, index, analyzer, … */
  component: string;
  version: string;
}

export interface ReleaseMetrics extends ServedMetrics {
  release: string;
}

// totalMs is written by runAdvice for every stored request.
const aggregates = sql`
  count(*)::int as "requests",
  (count(*) filter (where r.status = 'error'))::int as "errors",
  (avg((r.timings->>'totalMs')::float8) filter (where r.status = 'ok'))::float8 as "meanLatencyMs",
  (percentile_cont(0.95) within group (order by (r.timings->>'totalMs')::float8) filter (where r.status = 'ok'))::float8 as "p95LatencyMs",
  avg(r.rating)::float8 as "meanRating",
  count(r.rating)::int as "ratings",
  avg(case when r.bias_flagged then 1.0 when not r.bias_flagged then 0.0 end)::float8 as "biasFlagRate"`;

const sinceClause = (since: Date | undefined): SQL => (since ? sql`where r.created_at >= ${since}` : sql``);

/**
 * Live metrics of every component version that has served a stored request, from the versions
 * each request recorded (one row per component and version, whatever the release around it).
 */
export async function metricsByComponentVersion(since?: Date): Promise<ComponentMetrics[]> {
  const result = await getDb().execute<ComponentMetrics & Record<string, unknown>>(sql`
    select v.key as "component", v.value as "version", ${aggregates}
    from advice_requests r cross join lateral jsonb_each_text(r.versions) v
    ${sinceClause(since)}
    group by v.key, v.value
    order by v.key, v.value`);
  return result.rows;
}

/** The same per release (requests from before releases existed are left out). */
export async function metricsByRelease(since?: Date): Promise<ReleaseMetrics[]> {
  const result = await getDb().execute<ReleaseMetrics & Record<string, unknown>>(sql`
    select r.release as "release", ${aggregates}
    from advice_requests r
    where r.release is not null ${since ? sql`and r.created_at >= ${since}` : sql``}
    group by r.release
    order by r.release`);
  return result.rows;
}
