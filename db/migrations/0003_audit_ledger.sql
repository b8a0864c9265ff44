ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_prev_hash_idx" ON "audit_log" USING btree ("prev_hash");--> statement-breakpoint
-- Hand-written below (drizzle-kit writes tables only): the database itself keeps audit_log append-only.
-- Refuses UPDATE, DELETE and TRUNCATE, with one exception: an entry written before the ledger existed
-- (hash NULL) may be chained once, by filling hash and prev_hash and changing nothing else
-- (chainLegacyAuditEntries in server/audit/ledger.ts, run after the migrations).
CREATE FUNCTION "audit_log_refuse_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
       AND (NEW.id, NEW.actor, NEW.action, NEW.target, NEW.reason, NEW.details, NEW.at)
           IS NOT DISTINCT FROM (OLD.id, OLD.actor, OLD.action, OLD.target, OLD.reason, OLD.details, OLD.at) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP
    USING HINT = 'audit entries are only ever added; a correction is a new entry';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_changes"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_changes"();
--> statement-breakpoint
-- New entries arrive chained: a writer that bypasses recordAudit cannot leave a gap to be filled later.
CREATE FUNCTION "audit_log_require_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log entries must be written chained (hash and prev_hash), through recordAudit';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_chained_insert" BEFORE INSERT ON "audit_log"
  FOR EACH ROW WHEN (NEW.hash IS NULL OR NEW.prev_hash IS NULL) EXECUTE FUNCTION "audit_log_require_chain"();
