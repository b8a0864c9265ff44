import { AppError } from "../errors";

/**
 * Whether an error means "Redis cannot be reached right now": ioredis gives up on a command after
 * its retries while disconnected, on a closed connection, or on its command timeout. Such failures
 * become a 503 naming Redis.
 */
const OUTAGE_MESSAGE =
  /Reached the max retries per request limit|Connection is closed|Stream isn't writeable|Command timed out|LOADING Redis is loading/i;

/** The AppError("unavailable") an error stands for if it is a Redis outage, else undefined. */
export function redisOutage(error: unknown): AppError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.name === "MaxRetriesPerRequestError" || OUTAGE_MESSAGE.test(current.message))
      return new AppError("unavailable", `Redis is unavailable: ${current.message}`);
    current = current.cause;
  }
  return undefined;
}
