ALTER TABLE "advice_requests" ADD COLUMN "request_id" text;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "trace_id" text;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "spans" jsonb;--> statement-breakpoint
CREATE INDEX "advice_requests_request_id_idx" ON "advice_requests" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "advice_requests_created_idx" ON "advice_requests" USING btree ("created_at");