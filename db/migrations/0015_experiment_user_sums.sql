CREATE TABLE "experiment_user_sums" (
	"experiment" text NOT NULL,
	"variant" integer NOT NULL,
	"user_key" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"flagged" integer DEFAULT 0 NOT NULL,
	"latency_n" integer DEFAULT 0 NOT NULL,
	"latency_sum" double precision DEFAULT 0 NOT NULL,
	"latency_sum_squares" double precision DEFAULT 0 NOT NULL,
	"rating_n" integer DEFAULT 0 NOT NULL,
	"rating_sum" double precision DEFAULT 0 NOT NULL,
	"rating_sum_squares" double precision DEFAULT 0 NOT NULL,
	"thumbs_n" integer DEFAULT 0 NOT NULL,
	"thumbs_up" integer DEFAULT 0 NOT NULL,
	"pre_rating_n" integer DEFAULT 0 NOT NULL,
	"pre_rating_sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "experiment_user_sums_experiment_variant_user_key_pk" PRIMARY KEY("experiment","variant","user_key")
);
--> statement-breakpoint
DROP INDEX "advice_requests_experiment_idx";--> statement-breakpoint
-- The two statements that apply an advice_requests statement's rows to experiment_user_sums,
-- given those rows as a query with a sign: +1 for each row inserted (or a row's values after an
-- update), -1 for each row deleted (or its values before). They are returned as text to be
-- written into each trigger function below: transition tables are visible only to the trigger
-- function's own statements, not to a function it calls.
CREATE FUNCTION "experiment_user_sums_statements"(changes text) RETURNS SETOF text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  -- A user's first request in an arm opens their row, with the ratings they gave before their
  -- exposure on requests outside the experiment (CUPED's covariate), read once here.
  RETURN NEXT format($sql$
    INSERT INTO experiment_user_sums (experiment, variant, user_key, pre_rating_n, pre_rating_sum)
    SELECT k.experiment, k.variant, k.user_key, coalesce(pre.n, 0), coalesce(pre.total, 0)
    FROM (
      SELECT DISTINCT c.experiment, c.variant, coalesce(c.user_id::text, c.external_user_id, '') AS user_key
      FROM (%s) AS c
      WHERE c.experiment IS NOT NULL AND c.variant IS NOT NULL
    ) AS k
    LEFT JOIN experiment_assignments AS e ON e.experiment = k.experiment AND e.user_id = k.user_key
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, sum(r.rating)::float8 AS total
      FROM advice_requests AS r
      WHERE r.rating IS NOT NULL AND r.feedback_at < e.exposed_at
        AND r.experiment IS DISTINCT FROM k.experiment
        -- The user's requests, as the key was made (written so the rated index serves both sides).
        AND (r.user_id = (CASE WHEN k.user_key ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                               THEN k.user_key::uuid END)
             OR (r.user_id IS NULL AND r.external_user_id = k.user_key))
    ) AS pre ON true
    WHERE NOT EXISTS (
      SELECT 1 FROM experiment_user_sums AS s
      WHERE s.experiment = k.experiment AND s.variant = k.variant AND s.user_key = k.user_key
    )
    ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING
  $sql$, changes);
  -- Rows are locked in key order before they change, so that two statements touching the same
  -- users cannot deadlock.
  RETURN NEXT format($sql$
    WITH delta AS (
      SELECT c.experiment, c.variant, coalesce(c.user_id::text, c.external_user_id, '') AS user_key,
        sum(c.sign)::int AS requests,
        sum(CASE WHEN c.status = 'ok' THEN c.sign ELSE 0 END)::int AS answered,
        sum(CASE WHEN c.status = 'error' THEN c.sign ELSE 0 END)::int AS errors,
        sum(CASE WHEN c.bias_flagged THEN c.sign ELSE 0 END)::int AS flagged,
        sum(CASE WHEN c.status = 'ok' AND c.total_ms IS NOT NULL THEN c.sign ELSE 0 END)::int AS latency_n,
        sum(CASE WHEN c.status = 'ok' AND c.total_ms IS NOT NULL THEN c.sign * c.total_ms ELSE 0 END) AS latency_sum,
        sum(CASE WHEN c.status = 'ok' AND c.total_ms IS NOT NULL THEN c.sign * c.total_ms ^ 2 ELSE 0 END) AS latency_sum_squares,
        sum(CASE WHEN c.rating IS NOT NULL THEN c.sign ELSE 0 END)::int AS rating_n,
        sum(coalesce(c.sign * c.rating, 0))::float8 AS rating_sum,
        sum(coalesce(c.sign * c.rating * c.rating, 0))::float8 AS rating_sum_squares,
        sum(CASE WHEN c.thumbs IS NOT NULL THEN c.sign ELSE 0 END)::int AS thumbs_n,
        sum(CASE WHEN c.thumbs = 'up' THEN c.sign ELSE 0 END)::int AS thumbs_up
      FROM (%s) AS c
      WHERE c.experiment IS NOT NULL AND c.variant IS NOT NULL
      GROUP BY 1, 2, 3
    ), locked AS (
      SELECT s.experiment, s.variant, s.user_key FROM experiment_user_sums AS s
      JOIN delta AS d USING (experiment, variant, user_key)
      ORDER BY 1, 2, 3 FOR UPDATE OF s
    )
    UPDATE experiment_user_sums AS s SET
      requests = s.requests + d.requests,
      answered = s.answered + d.answered,
      errors = s.errors + d.errors,
      flagged = s.flagged + d.flagged,
      latency_n = s.latency_n + d.latency_n,
      latency_sum = s.latency_sum + d.latency_sum,
      latency_sum_squares = s.latency_sum_squares + d.latency_sum_squares,
      rating_n = s.rating_n + d.rating_n,
      rating_sum = s.rating_sum + d.rating_sum,
      rating_sum_squares = s.rating_sum_squares + d.rating_sum_squares,
      thumbs_n = s.thumbs_n + d.thumbs_n,
      thumbs_up = s.thumbs_up + d.thumbs_up
    FROM delta AS d, (SELECT count(*) FROM locked) AS held
    WHERE s.experiment = d.experiment AND s.variant = d.variant AND s.user_key = d.user_key
  $sql$, changes);
  RETURN;
END $$;
--> statement-breakpoint
-- One trigger function per operation, each with the two statements written into its body, so
-- that PL/pgSQL plans them once per connection (run through EXECUTE they were planned on every
-- statement: ~3 ms per stored request instead of ~0.5). Generated here from
-- experiment_user_sums_statements so the SQL exists once. Most statements store requests outside
-- any experiment; they leave at the first check.
DO $$
DECLARE
  op record;
  statements text[];
BEGIN
  FOR op IN SELECT * FROM (VALUES
    ('insert', 'SELECT 1 AS sign, * FROM new_rows'),
    ('update', 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows'),
    ('delete', 'SELECT -1 AS sign, * FROM old_rows')
  ) AS o(name, changes)
  LOOP
    SELECT array_agg(s) INTO statements FROM experiment_user_sums_statements(op.changes) AS s;
    EXECUTE format($f$
      CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        PERFORM 1 FROM (%s) AS c WHERE c.experiment IS NOT NULL LIMIT 1;
        IF NOT FOUND THEN RETURN NULL; END IF;
        %s;
        %s;
        RETURN NULL;
      END $body$
    $f$, 'experiment_user_sums_on_' || op.name, op.changes, statements[1], statements[2]);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION "experiment_user_sums_on_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE experiment_user_sums;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "experiment_user_sums_insert" AFTER INSERT ON "advice_requests"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "experiment_user_sums_on_insert"();
--> statement-breakpoint
CREATE TRIGGER "experiment_user_sums_update" AFTER UPDATE ON "advice_requests"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "experiment_user_sums_on_update"();
--> statement-breakpoint
CREATE TRIGGER "experiment_user_sums_delete" AFTER DELETE ON "advice_requests"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "experiment_user_sums_on_delete"();
--> statement-breakpoint
CREATE TRIGGER "experiment_user_sums_truncate" AFTER TRUNCATE ON "advice_requests"
  FOR EACH STATEMENT EXECUTE FUNCTION "experiment_user_sums_on_truncate"();
--> statement-breakpoint
-- Requests stored before this migration, summed as the triggers would have.
DO $$
DECLARE
  statement text;
BEGIN
  FOR statement IN SELECT experiment_user_sums_statements('SELECT 1 AS sign, * FROM advice_requests') LOOP
    EXECUTE statement;
  END LOOP;
END $$;
