import type pg from "pg";

/**
 * Stored advice requests for the results benchmark, written by PostgreSQL itself
 * (`INSERT … SELECT generate_series`): one statement per table instead of a round trip per row.
 */

export interface StoredRequests {
  /** The running experiment's key; its releases, control first. */
  experiment: string;
  releases: string[];
  /** Requests the experiment served, and requests outside it (earlier traffic, no experiment). */
  inExperiment: number;
  outside: number;
  /** Users in the experiment; each one's requests carry the arm its exposure row holds. */
  users: number;
  /** Days the requests and exposures are spread over, ending now. */
  days: number;
}

// An advice answer of the length the grounded analyzer writes (~700 characters): rows as wide as
// the product's, so a scan of the table reads as many pages as it would in production.
const ADVICE =
  "Based on the loans most similar to yours, a $5,000 personal loan over 36 months is within reach: " +
  "borrowers with comparable income and debt-to-income ratios were mostly approved at rates between " +
  "11% and 14%. Your monthly payment would be about $170. Before you apply, compare the total cost with " +
  "a credit union offer, check whether paying down a card first lowers your ratio, and keep an emergency " +
  "fund of at least one month's expenses. Similar borrowers who defaulted usually had a ratio above 30% " +
  "and a recent delinquency; neither applies to you. This is not a credit decision: a lender will check " +
  "your full credit report, and rates change with the market.";

/**
 * Requests in and outside the experiment are interleaved in the heap (every page holds both), as
 * when an experiment runs beside other traffic: reading the experiment's rows reads every page.
 * Arms differ a little (treatment arms answer ~5 % faster and rate ~0.1 higher), so the statistics
 * have something to find. Randomness is seeded, so every run stores the same rows.
 */
export async function storeExperimentRequests(client: pg.PoolClient, spec: StoredRequests): Promise<void> {
  const arms = spec.releases.length;
  const total = spec.inExperiment + spec.outside;
  await client.query("select setseed(0.12)");
  await client.query(
    `insert into experiment_assignments (experiment, user_id, variant, exposed_at)
     select $1, 'bench-user-' || u, u % $2, now() - (random() * $3) * interval '1 day'
     from generate_series(0, $4 - 1) as u`,
    [spec.experiment, arms, spec.days, spec.users],
  );
  await client.query(
    `insert into advice_requests (channel, external_user_id, conversation_id, query, status, advice, sources,
       bias_score, bias_flagged, bias_reasons, release, experiment, variant, versions, timings, error,
       rating, thumbs, feedback_at, created_at)
     select 'api', 'bench-user-' || u, gen_random_uuid(), 'Should I borrow $5,000 to consolidate two credit cards?',
       status, case when status = 'ok' then $6 else '' end,
       '[{"id": 101, "score": 0.91}, {"id": 2002, "score": 0.88}, {"id": 30003, "score": 0.84},
         {"id": 4004, "score": 0.8}, {"id": 505, "score": 0.77}]'::jsonb,
       case when status = 'ok' then bias end, case when status = 'ok' then bias > 0.4 end,
       case when bias > 0.4 then '["income proxy"]'::jsonb else '[]'::jsonb end,
       case when in_experiment then ($5::text[])[arm + 1] else ($5::text[])[1] end,
       case when in_experiment then $1 end, case when in_experiment then arm end,
       '{"analyzer": "grounded-v1@1.0.0", "embedder": "hash@1", "prompt": "advice@1.0.0", "index": "idx-1"}'::jsonb,
       jsonb_build_object('retrievalMs', round(total_ms * 0.1), 'analyzeMs', round(total_ms * 0.85),
         'biasMs', round(total_ms * 0.05), 'totalMs', round(total_ms)),
       case when status = 'error' then 'analyzer timed out' end,
       rating, thumbs, case when rating is not null or thumbs is not null then created_at end, created_at
     from (
       select *,
         -- Latency: log-normal around 1.8 s; treatment arms ~5 % faster.
         1800 * exp(0.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))
           * (case when in_experiment and arm > 0 then 0.95 else 1 end) as total_ms,
         case when r_status < 0.02 then 'error' when r_status < 0.025 then 'cancelled' else 'ok' end as status,
         -- A rating on about one request in five, thumbs on about one in seven.
         case when random() < 0.2
           then least(5, greatest(1, round(3.6 + (case when in_experiment and arm > 0 then 0.1 else 0 end)
             + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))))::int end as rating,
         case when random() < 0.15 then (case when random() < 0.7 then 'up' else 'down' end) end as thumbs,
         -- About 3 % flagged for bias.
         case when random() < 0.03 then 0.4 + random() * 0.6 else random() * 0.4 end as bias
       from (
         select g,
           -- Spread the experiment's requests evenly among the others.
           floor(g::float8 * $2 / $3) <> floor((g - 1)::float8 * $2 / $3) as in_experiment,
           floor(random() * $4)::int as u,
           random() as r_status,
           now() - ($7::float8 * (1 - g::float8 / $3)) * interval '1 day' as created_at
         from generate_series(1, $3) as g
       ) as base
       cross join lateral (select u % $8 as arm) as assigned
     ) as request`,
    [spec.experiment, spec.inExperiment, total, spec.users, spec.releases, ADVICE, spec.days, arms],
  );
  // As autovacuum would after a bulk load: statistics for the planner and the visibility map.
  await client.query("vacuum analyze advice_requests");
  await client.query("vacuum analyze experiment_assignments");
}
