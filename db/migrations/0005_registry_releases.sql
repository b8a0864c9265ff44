CREATE TABLE "registry_aliases" (
	"model" text NOT NULL,
	"alias" text NOT NULL,
	"version" text NOT NULL,
	"moved_by" text NOT NULL,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_aliases_model_alias_pk" PRIMARY KEY("model","alias")
);
--> statement-breakpoint
CREATE TABLE "registry_models" (
	"name" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_versions" (
	"model" text NOT NULL,
	"version" text NOT NULL,
	"metadata" jsonb NOT NULL,
	"changelog" text DEFAULT '' NOT NULL,
	"previous_version" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_versions_model_version_pk" PRIMARY KEY("model","version")
);
--> statement-breakpoint
CREATE TABLE "release_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"release" text NOT NULL,
	"moved_by" text NOT NULL,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_approvals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"release" text NOT NULL,
	"composition" text NOT NULL,
	"approver" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"version" text PRIMARY KEY NOT NULL,
	"embedder_model" text NOT NULL,
	"embedder_version" text NOT NULL,
	"index_version" text NOT NULL,
	"analyzer_model" text NOT NULL,
	"analyzer_version" text NOT NULL,
	"prompt_model" text NOT NULL,
	"prompt_version" text NOT NULL,
	"bias_policy_model" text NOT NULL,
	"bias_policy_version" text NOT NULL,
	"changelog" text NOT NULL,
	"environment" jsonb,
	"archived_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shadow_replays" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"release" text NOT NULL,
	"composition" text NOT NULL,
	"status" text NOT NULL,
	"questions" integer,
	"summary" jsonb,
	"error" text,
	"requested_by" text NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_versions" ADD CONSTRAINT "registry_versions_model_registry_models_name_fk" FOREIGN KEY ("model") REFERENCES "public"."registry_models"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_aliases" ADD CONSTRAINT "release_aliases_release_releases_version_fk" FOREIGN KEY ("release") REFERENCES "public"."releases"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_approvals" ADD CONSTRAINT "release_approvals_release_releases_version_fk" FOREIGN KEY ("release") REFERENCES "public"."releases"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shadow_replays" ADD CONSTRAINT "shadow_replays_release_releases_version_fk" FOREIGN KEY ("release") REFERENCES "public"."releases"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "release_approvals_once_idx" ON "release_approvals" USING btree ("release","composition","approver");--> statement-breakpoint
CREATE INDEX "shadow_replays_release_idx" ON "shadow_replays" USING btree ("release","created_at");