export { closeDb, getDb, getPool, type Database } from "./client";
export { createdAt } from "./columns";
export { runMigrations } from "./migrate";
export { postgresOutage } from "./outage";
