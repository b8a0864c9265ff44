CREATE TABLE "experiment_assignments" (
	"experiment" text NOT NULL,
	"user_id" text NOT NULL,
	"variant" integer NOT NULL,
	"exposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiment_assignments_experiment_user_id_pk" PRIMARY KEY("experiment","user_id")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"key" text PRIMARY KEY NOT NULL,
	"hypothesis" text DEFAULT '' NOT NULL,
	"variants" jsonb NOT NULL,
	"weights" jsonb NOT NULL,
	"coverage" real DEFAULT 1 NOT NULL,
	"seed" text NOT NULL,
	"hash_version" integer DEFAULT 2 NOT NULL,
	"primary_metric" text DEFAULT 'satisfaction' NOT NULL,
	"guardrails" jsonb NOT NULL,
	"namespace" jsonb,
	"status" text DEFAULT 'draft' NOT NULL,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"stop_reason" text,
	"shipped_variant" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "experiment" text;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "variant" integer;--> statement-breakpoint
ALTER TABLE "experiment_assignments" ADD CONSTRAINT "experiment_assignments_experiment_experiments_key_fk" FOREIGN KEY ("experiment") REFERENCES "public"."experiments"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_requests_experiment_idx" ON "advice_requests" USING btree ("experiment","variant");