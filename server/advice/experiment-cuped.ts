import { sql, type SQL } from "drizzle-orm";
import type { CupedAggregate } from "../experiments";
import { getDb } from "../db";

/**
 * The query behind `cupedAggregates`, on its own so that a benchmark can EXPLAIN it.
 *
 * One row per exposed user first (never leaving PostgreSQL): x = the mean of the ratings the user
 * gave before their exposure (on any request outside this experiment; `feedback_at` is when the
 * rating was given), y = the mean of their ratings on the experiment's requests. Then per arm,
 * over users with both, the six sums CUPED needs. A user is matched to their requests as serving
 * hashed them: the signed-in user's id, else the partner's user id (server/advice/run.ts).
 */
export function cupedAggregatesQuery(experiment: string): SQL {
  return sql`
    select variant,
      count(*)::int as n,
      sum(x) as sum_x,
      sum(y) as sum_y,
      sum(x * x) as sum_x2,
      sum(y * y) as sum_y2,
      sum(x * y) as sum_xy
    from (
      select e.variant,
        avg(r.rating::float8) filter (
          where r.feedback_at < e.exposed_at and r.experiment is distinct from ${experiment}
        ) as x,
        avg(r.rating::float8) filter (where r.experiment = ${experiment}) as y
      from experiment_assignments e
      join advice_requests r on coalesce(r.user_id::text, r.external_user_id) = e.user_id
      where e.experiment = ${experiment} and r.rating is not null
      group by e.user_id, e.variant
    ) as per_user
    where x is not null and y is not null
    group by variant
    order by variant`;
}

/**
 * Memory for this query alone (SET LOCAL: its transaction only). Its per-user hash aggregate (one
 * entry per exposed user with two running averages) and its hash join against the exposures hold
 * ~55 MB at 200,000 users; at the default 4 MB both spill to disk in batches, which took ~40 % of
 * its time on the benchmark (docs/benchmarks.md). One connection at a time runs it per results read.
 */
const CUPED_WORK_MEM = "64MB";

/**
 * Per arm (index = variant), the CUPED sums of satisfaction over users who rated answers both
 * before their exposure and inside the experiment: n, Σx, Σy, Σx², Σy², Σxy of each user's mean
 * pre-exposure rating (x) and mean in-experiment rating (y). Grouped in PostgreSQL; no user's
 * rows reach the process. Arms without such users get zeros.
 */
export async function cupedAggregates(experiment: string, arms: number): Promise<CupedAggregate[]> {
  const { rows } = await getDb().transaction(async (tx) => {
    await tx.execute(sql.raw(`set local work_mem = '${CUPED_WORK_MEM}'`));
    return tx.execute<Record<string, string | number | null>>(cupedAggregatesQuery(experiment));
  });
  return Array.from({ length: arms }, (_, variant): CupedAggregate => {
    const row = rows.find((r) => Number(r.variant) === variant);
    return {
      n: Number(row?.n ?? 0),
      sumX: Number(row?.sum_x ?? 0),
      sumY: Number(row?.sum_y ?? 0),
      sumX2: Number(row?.sum_x2 ?? 0),
      sumY2: Number(row?.sum_y2 ?? 0),
      sumXY: Number(row?.sum_xy ?? 0),
    };
  });
}
