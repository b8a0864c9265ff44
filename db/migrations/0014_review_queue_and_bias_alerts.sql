CREATE TABLE "review_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" bigint NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"correct_reasons" jsonb,
	"assignee" text,
	"bulk" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_decisions_action_check" CHECK ("review_decisions"."action" in ('confirm', 'dismiss', 'assign')),
	CONSTRAINT "review_decisions_note_check" CHECK ("review_decisions"."action" = 'assign' or "review_decisions"."note" is not null)
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"advice_id" uuid NOT NULL,
	"release" text,
	"score" real NOT NULL,
	"reasons" jsonb NOT NULL,
	"question" text NOT NULL,
	"advice" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"note" text,
	"correct_reasons" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_items_advice_id_unique" UNIQUE("advice_id"),
	CONSTRAINT "review_items_status_check" CHECK ("review_items"."status" in ('open', 'confirmed', 'dismissed')),
	CONSTRAINT "review_items_decided_check" CHECK ("review_items"."status" = 'open' or ("review_items"."decided_by" is not null and "review_items"."decided_at" is not null and "review_items"."note" is not null))
);
--> statement-breakpoint
ALTER TABLE "bias_alerts" ADD COLUMN "kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "bias_alerts" ADD COLUMN "window_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "bias_alerts" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "bias_alerts" ADD COLUMN "acknowledged_by" text;--> statement-breakpoint
ALTER TABLE "bias_alerts" ADD COLUMN "acknowledge_note" text;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_item_id_review_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_decisions_item_idx" ON "review_decisions" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "review_items_status_idx" ON "review_items" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "review_items_release_idx" ON "review_items" USING btree ("release","status");--> statement-breakpoint
CREATE UNIQUE INDEX "bias_alerts_once_idx" ON "bias_alerts" USING btree ("kind","model_version","window_key");--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_advice_id_fk" FOREIGN KEY ("advice_id") REFERENCES "public"."advice_requests"("id");
--> statement-breakpoint
-- Reviewers' decisions are the record of who judged what: a changed decision is a new decision.
CREATE FUNCTION "review_decisions_refuse_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review_decisions is append-only: % is refused', TG_OP
    USING HINT = 'a changed decision is a new decision';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "review_decisions_append_only" BEFORE UPDATE OR DELETE ON "review_decisions"
  FOR EACH ROW EXECUTE FUNCTION "review_decisions_refuse_changes"();
--> statement-breakpoint
CREATE TRIGGER "review_decisions_no_truncate" BEFORE TRUNCATE ON "review_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION "review_decisions_refuse_changes"();
