import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getDb } from "./client";

const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Applies the drizzle-kit generated SQL under db/migrations; safe to run on every start. */
export async function runMigrations(): Promise<void> {
  await migrate(getDb(), { migrationsFolder });
}
