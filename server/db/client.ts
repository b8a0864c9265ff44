import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";

// No relational schema: every query names its tables, which each domain owns (server/<domain>/tables.ts).
export type Database = NodePgDatabase;

interface DbHandle {
  pool: pg.Pool;
  db: Database;
}

// Kept on globalThis so Next.js dev hot reloads reuse one pool instead of leaking one per reload.
const globalForDb = globalThis as unknown as { apfaDb?: DbHandle };

function connect(): DbHandle {
  if (!env.DATABASE_URL) {
    throw new AppError(
      "unavailable",
      "DATABASE_URL is not set: start the product with `npm start`, or set DATABASE_URL to a PostgreSQL server",
    );
  }
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });
  pool.on("error", (error) => logger.error("idle PostgreSQL client failed", { error }));
  return { pool, db: drizzle(pool) };
}

function handle(): DbHandle {
  globalForDb.apfaDb ??= connect();
  return globalForDb.apfaDb;
}

export function getDb(): Database {
  return handle().db;
}

export function getPool(): pg.Pool {
  return handle().pool;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.apfaDb;
  globalForDb.apfaDb = undefined;
  await current?.pool.end();
}
