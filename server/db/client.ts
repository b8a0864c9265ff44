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
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: 10,
    // Bounded waits, so a PostgreSQL outage is a quick 503 and never a hung request
    // (docs/decisions: timeouts and restarts). The server ends a statement that runs too long;
    // the client gives up too, in case the server itself stopped answering.
    connectionTimeoutMillis: env.PG_CONNECT_TIMEOUT_MS,
    statement_timeout: env.PG_STATEMENT_TIMEOUT_MS,
    query_timeout: env.PG_STATEMENT_TIMEOUT_MS + 5_000,
    keepAlive: true,
  });
  // An idle client whose server went away emits here; without a listener the process would crash.
  // The pool drops that client and connects afresh on the next query. Once per outage, not per client.
  let lost = false;
  pool.on("error", (error) => {
    if (!lost) logger.error("PostgreSQL connection lost; queries fail with 503 until it is back", { error });
    lost = true;
  });
  pool.on("connect", () => {
    if (lost) logger.info("PostgreSQL connection re-established");
    lost = false;
  });
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
