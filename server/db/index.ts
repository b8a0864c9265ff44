export { closeDb, getDb, getPool, type Database } from "./client";
export { runMigrations } from "./migrate";
export * as schema from "./schema";
