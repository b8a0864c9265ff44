ALTER TABLE "advice_requests" ADD COLUMN "recommendation" text;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "quoted_amounts" jsonb;--> statement-breakpoint
ALTER TABLE "advice_requests" ADD COLUMN "quoted_rates" jsonb;