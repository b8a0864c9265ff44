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
 * The query behind `userRates`, on its own so that a benchmark can EXPLAIN it: per arm, over the
 * users' rows of `experiment_user_sums` (kept by PostgreSQL as requests are stored), the sums of
 * each count, its square and the cross-product the delta method needs.
 */
export function userRatesQuery(experiment: string): SQL {
  return sql`
    select variant,
      count(*)::int as users,
      sum(flagged)::float8 as flagged, sum(answered)::float8 as answered,
      sum(flagged::float8 * flagged) as flagged2, sum(answered::float8 * answered) as answered2,
      sum(flagged::float8 * answered) as flagged_answered,
      sum(errors)::float8 as errors, sum(requests)::float8 as requests,
      sum(errors::float8 * errors) as errors2, sum(requests::float8 * requests) as requests2,
      sum(errors::float8 * requests) as errors_requests
    from experiment_user_sums
    where experiment = ${experiment} and requests > 0
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
