import { sql, type SQL } from "drizzle-orm";

/**
 * The per-user and CUPED sums of an experiment computed straight from `advice_requests` (what
 * results read before `experiment_user_sums` kept them): the benchmark checks the kept sums
 * against these before timing anything.
 */

/** Per arm: users and the guardrails' per-user sums, from each user's requests. */
export function directUserRatesQuery(experiment: string): SQL {
  return sql`
    select variant, count(*)::int as users,
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
      from advice_requests where experiment = ${experiment}
      group by variant, user_id, external_user_id
    ) as per_user
    group by variant order by variant`;
}

/**
 * Per arm: CUPED's sums over users with ratings both before their exposure (outside the
 * experiment, given before `exposed_at`) and inside it; x and y are the users' mean ratings.
 */
export function directCupedQuery(experiment: string): SQL {
  return sql`
    select variant, count(*)::int as cuped_n, sum(x) as cuped_x, sum(y) as cuped_y,
      sum(x * x) as cuped_x2, sum(y * y) as cuped_y2, sum(x * y) as cuped_xy
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
    group by variant order by variant`;
}
