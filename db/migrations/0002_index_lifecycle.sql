ALTER TABLE "index_versions" ADD COLUMN "manifest_sha256" text;--> statement-breakpoint
ALTER TABLE "index_versions" ADD COLUMN "ef_search" integer;--> statement-breakpoint
ALTER TABLE "index_versions" ADD COLUMN "validated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "index_versions" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "index_versions_one_active_idx" ON "index_versions" USING btree ("active") WHERE "index_versions"."active";