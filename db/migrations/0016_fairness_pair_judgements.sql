CREATE TABLE "fairness_pair_judgements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pair_id" bigint NOT NULL,
	"reviewer" text NOT NULL,
	"verdict" text NOT NULL,
	"note" text,
	"shown_as_a" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fairness_pair_judgements_verdict_check" CHECK ("fairness_pair_judgements"."verdict" in ('material', 'not-material')),
	CONSTRAINT "fairness_pair_judgements_shown_check" CHECK ("fairness_pair_judgements"."shown_as_a" in ('original', 'variant'))
);
--> statement-breakpoint
ALTER TABLE "fairness_pair_judgements" ADD CONSTRAINT "fairness_pair_judgements_pair_id_fairness_audit_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."fairness_audit_pairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fairness_pair_judgements_once_idx" ON "fairness_pair_judgements" USING btree ("pair_id","reviewer");--> statement-breakpoint
-- A blind judgement is the record of what a reviewer saw before the reveal: given once, never changed.
CREATE FUNCTION "fairness_pair_judgements_refuse_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fairness_pair_judgements is append-only: % is refused', TG_OP
    USING HINT = 'a blind judgement is given once per reviewer and pair';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "fairness_pair_judgements_append_only" BEFORE UPDATE OR DELETE ON "fairness_pair_judgements"
  FOR EACH ROW EXECUTE FUNCTION "fairness_pair_judgements_refuse_changes"();
--> statement-breakpoint
CREATE TRIGGER "fairness_pair_judgements_no_truncate" BEFORE TRUNCATE ON "fairness_pair_judgements"
  FOR EACH STATEMENT EXECUTE FUNCTION "fairness_pair_judgements_refuse_changes"();
