import { sql, type SQL } from "drizzle-orm";
import type { RatioAggregate } from "../experiments";
import { getDb } from "../db";

/** Per arm, the guardrail rates summed over users (the unit of the guardrail's test, ADR 016). */
export interface UserRates {
  /** Flagged answers over answers. */
  biasFlagRate: RatioAggregate;
  /** Errors over requests. */
  errorRate: RatioAggregate;
}

/**
 * The query behind `userRates`, on its own so that a benchmark can EXPLAIN it. Each user's counts
 * first (never leaving PostgreSQL), then per arm the sums of each count, its square and the
 * cross-product the delta method needs. A user is who serving hashed: the signed-in user's id,
 * else the partner's user id (server/advice/run.ts); a request carries one or the other, so the
 * pair of columns is the user, and grouping by the plain columns lets `advice_requests_experiment_idx`
 * (experiment, variant, user_id, external_user_id, …) serve this as an ordered index-only scan.
 */
export function userRatesQuery(experiment: string): SQL {
  return sql`
    select variant,
      count(*)::int as users,
      sum(flagged) as flagged, sum(answered) as answered,
      sum(flagged * flagged) as flagged2, sum(answered * answered) as answered2,
      sum(flagged * answered) as flagged_answered,
      sum(errors) as errors, sum(requests) as requests,
      sum(errors * errors) as errors2, sum(requests * requests) as requests2,
      sum(errors * requests) as errors_requests
    from (
      select variant,
        count(*) filter (where bias_flagged)::float8 as flagged,
        count(*) filter (where status = 'ok')::float8 as answered,
        count(*) filter (where status = 'error')::float8 as errors,
        count(*)::float8 as requests
      from advice_requests
      where experiment = ${experiment}
      group by variant, user_id, external_user_id
    ) as per_user
    group by variant
    order by variant`;
}

/**
 * Per arm (index = variant), the bias-flag and error rates summed over users, alone: what the
 * guardrail check needs and nothing else (the worker's path; `experimentArmSums` computes the same
 * sums in the results' single pass). Zeros for an arm without requests.
 */
export async function userRates(experiment: string, arms: number): Promise<UserRates[]> {
  const { rows } = await getDb().execute<Record<string, string | number | null>>(userRatesQuery(experiment));
  return userRatesOf(rows, arms);
}

/** The per-arm rows of `userRatesQuery` (or the same columns of another query) as `UserRates`, one per arm. */
export function userRatesOf(rows: readonly Record<string, string | number | null>[], arms: number): UserRates[] {
  return Array.from({ length: arms }, (_, variant): UserRates => {
    const row = rows.find((r) => Number(r.variant) === variant);
    const n = Number(row?.users ?? 0);
    const value = (column: string) => Number(row?.[column] ?? 0);
    return {
      biasFlagRate: {
        n,
        sumA: value("flagged"),
        sumB: value("answered"),
        sumA2: value("flagged2"),
        sumB2: value("answered2"),
        sumAB: value("flagged_answered"),
      },
      errorRate: {
        n,
        sumA: value("errors"),
        sumB: value("requests"),
        sumA2: value("errors2"),
        sumB2: value("requests2"),
        sumAB: value("errors_requests"),
      },
    };
  });
}
