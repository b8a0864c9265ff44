CREATE TABLE "advice_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"user_id" uuid,
	"partner_id" uuid,
	"external_user_id" text,
	"conversation_id" uuid NOT NULL,
	"query" text NOT NULL,
	"status" text NOT NULL,
	"advice" text DEFAULT '' NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bias_score" real,
	"bias_flagged" boolean,
	"bias_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"versions" jsonb NOT NULL,
	"timings" jsonb NOT NULL,
	"error" text,
	"rating" integer,
	"thumbs" text,
	"feedback_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "index_versions" ADD COLUMN "dimensions" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "index_versions" ADD COLUMN "uri" text NOT NULL;--> statement-breakpoint
ALTER TABLE "index_versions" ADD COLUMN "manifest" jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "advice_requests_user_idx" ON "advice_requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "advice_requests_conversation_idx" ON "advice_requests" USING btree ("conversation_id","created_at");