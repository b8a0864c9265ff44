import { env } from "../env";
import { AppError } from "../errors";

/**
 * Whether an error means "PostgreSQL cannot be reached right now" (the server is down, restarting,
 * or stopped answering), as opposed to a bad query. Such failures become a 503 naming PostgreSQL.
 */

// SQLSTATE class 08 (connection exception) and 57P01-57P03 (shutting down, crash, starting up).
const OUTAGE_SQLSTATE = /^(08...|57P0[123])$/;
// The texts node-postgres gives a lost or refused connection and its own timeouts.
const OUTAGE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection terminated due to connection timeout|the database system is (starting up|shutting down|in recovery mode)/i;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);

function databasePort(): string | undefined {
  if (!env.DATABASE_URL) return undefined;
  try {
    return new URL(env.DATABASE_URL).port || "5432";
  } catch {
    return undefined;
  }
}

/** The AppError("unavailable") an error stands for if it is a PostgreSQL outage, else undefined. */
export function postgresOutage(error: unknown): AppError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const { code, port } = current as Error & { code?: unknown; port?: unknown };
    const outage =
      (typeof code === "string" && OUTAGE_SQLSTATE.test(code)) ||
      OUTAGE_MESSAGE.test(current.message) ||
      // A refused socket is PostgreSQL's only when it is the database's port (not Redis, not a model host).
      (typeof code === "string" && SOCKET_CODES.has(code) && String(port) === databasePort());
    if (outage) return new AppError("unavailable", `PostgreSQL is unavailable: ${current.message}`);
    current = current.cause;
  }
  return undefined;
}
