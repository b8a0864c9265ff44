CREATE TABLE "partner_usage" (
	"partner_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "partner_usage_partner_id_minute_status_pk" PRIMARY KEY("partner_id","minute","status"),
	CONSTRAINT "partner_usage_status_check" CHECK ("partner_usage"."status" in ('ok', 'rate_limited', 'error'))
);
--> statement-breakpoint
ALTER TABLE "partner_keys" ADD COLUMN "rate_limit_points" integer;--> statement-breakpoint
ALTER TABLE "partner_keys" ADD COLUMN "rate_limit_seconds" integer;--> statement-breakpoint
ALTER TABLE "partner_usage" ADD CONSTRAINT "partner_usage_partner_id_partner_keys_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partner_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_keys" ADD CONSTRAINT "partner_keys_rate_limit_check" CHECK (("partner_keys"."rate_limit_points" is null and "partner_keys"."rate_limit_seconds" is null) or ("partner_keys"."rate_limit_points" >= 1 and "partner_keys"."rate_limit_seconds" >= 1));