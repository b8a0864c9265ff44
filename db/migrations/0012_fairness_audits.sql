CREATE TABLE "fairness_audit_pairs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"case_id" text NOT NULL,
	"swap" text NOT NULL,
	"kind" text NOT NULL,
	"original" jsonb NOT NULL,
	"variant" jsonb NOT NULL,
	"disparity" double precision NOT NULL,
	"parts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fairness_audits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"release" text NOT NULL,
	"composition" text NOT NULL,
	"status" text NOT NULL,
	"threshold" double precision,
	"audit_set" text NOT NULL,
	"audit_set_sha256" text,
	"variants_sha256" text,
	"cases" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"error" text,
	"requested_by" text NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fairness_audit_pairs" ADD CONSTRAINT "fairness_audit_pairs_audit_id_fairness_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."fairness_audits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fairness_audit_pairs_audit_idx" ON "fairness_audit_pairs" USING btree ("audit_id","swap","disparity");--> statement-breakpoint
CREATE INDEX "fairness_audits_release_idx" ON "fairness_audits" USING btree ("release","created_at");--> statement-breakpoint
-- An auditor must be able to trust what an audit says it found: its pairs are written once, and
-- an audit, once finished, is never changed or removed (while queued or running it records progress).
CREATE FUNCTION "fairness_audit_pairs_refuse_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fairness audit pairs are never changed or deleted (audit %)', OLD.audit_id;
END $$;
--> statement-breakpoint
CREATE TRIGGER "fairness_audit_pairs_immutable" BEFORE UPDATE OR DELETE ON "fairness_audit_pairs"
  FOR EACH ROW EXECUTE FUNCTION "fairness_audit_pairs_refuse_changes"();
--> statement-breakpoint
CREATE FUNCTION "fairness_audits_refuse_rewrites"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('passed', 'failed', 'error') THEN
    RAISE EXCEPTION 'fairness audit % is a finished fairness audit (%): it is never changed or deleted', OLD.id, OLD.status;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'fairness audit % is never deleted', OLD.id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "fairness_audits_append_only" BEFORE UPDATE OR DELETE ON "fairness_audits"
  FOR EACH ROW EXECUTE FUNCTION "fairness_audits_refuse_rewrites"();
