import { postgresOutage } from "../db";
import { AppError } from "../errors";
import { redisOutage } from "../redis";

/**
 * What a caller is told about a failure it could not prevent: an AppError thrown anywhere along
 * the cause chain (drizzle wraps errors in its own), or a PostgreSQL or Redis outage as
 * AppError("unavailable") naming the part that is down. Undefined for a real bug (a 500).
 */
export function knownFailure(error: unknown): AppError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof AppError) return current;
    current = current.cause;
  }
  return postgresOutage(error) ?? redisOutage(error);
}

/**
 * Logs an error once per outage instead of on every retry: the first failure, a change of
 * reason, and the recovery. For event emitters that report each failed attempt (BullMQ, ioredis).
 */
export function outageLog(
  report: {
    error(message: string, context: Record<string, unknown>): void;
    info(message: string, context: Record<string, unknown>): void;
  },
  what: string,
  context: Record<string, unknown> = {},
) {
  let failing = "";
  return {
    failed(error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== failing) report.error(`${what} failed`, { ...context, error: message });
      failing = message;
    },
    recovered() {
      if (failing) report.info(`${what} recovered`, context);
      failing = "";
    },
  };
}
