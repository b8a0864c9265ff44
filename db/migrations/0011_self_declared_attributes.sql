CREATE TABLE "self_declared_attributes" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"sex" text,
	"ethnicity" text,
	"race" text,
	"age_band" text,
	"marital_status" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "self_declared_attributes" ADD CONSTRAINT "self_declared_attributes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;