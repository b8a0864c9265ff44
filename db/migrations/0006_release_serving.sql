ALTER TABLE "model_versions" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "model_versions" CASCADE;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "release" text;--> statement-breakpoint
CREATE INDEX "advice_requests_release_idx" ON "advice_requests" USING btree ("release","created_at");--> statement-breakpoint
-- Registered versions and releases are immutable: only archiving (setting archived_at once) is allowed.
CREATE FUNCTION "registry_refuse_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.archived_at IS NULL AND NEW.archived_at IS NOT NULL
     AND (to_jsonb(NEW) - 'archived_at') = (to_jsonb(OLD) - 'archived_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is immutable: % is refused', TG_TABLE_NAME, TG_OP
    USING HINT = 'register a new version or create a new release instead';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "registry_versions_immutable" BEFORE UPDATE OR DELETE ON "registry_versions"
  FOR EACH ROW EXECUTE FUNCTION "registry_refuse_changes"();
--> statement-breakpoint
CREATE TRIGGER "releases_immutable" BEFORE UPDATE OR DELETE ON "releases"
  FOR EACH ROW EXECUTE FUNCTION "registry_refuse_changes"();
--> statement-breakpoint
ALTER TABLE "registry_aliases" ADD CONSTRAINT "registry_aliases_version_fk" FOREIGN KEY ("model", "version") REFERENCES "public"."registry_versions"("model", "version");
