import { DrizzleQueryError } from "drizzle-orm/errors";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { freePort } from "../local-services";
import { knownFailure, outageLog } from ".";

/** An error as node-postgres reports it, wrapped the way drizzle wraps every failed query. */
function failedQuery(cause: Error): DrizzleQueryError {
  return new DrizzleQueryError("select 1", [], cause);
}

const sqlState = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("what a caller is told about a failure", () => {
  it("is the AppError anywhere along the cause chain", () => {
    const notFound = new AppError("not_found", "no such advice");
    expect(knownFailure(failedQuery(Object.assign(new Error("wrapped"), { cause: notFound })))).toBe(notFound);
  });

  it("names PostgreSQL for a lost, refused, restarting or timed-out connection behind a failed query", () => {
    for (const cause of [
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      new Error("Query read timeout"),
      sqlState("57P01", "terminating connection due to administrator command"),
      sqlState("57P03", "the database system is starting up"),
      sqlState("08006", "connection failure"),
    ]) {
      const failure = knownFailure(failedQuery(cause));
      expect(failure?.code, cause.message).toBe("unavailable");
      expect(failure?.message).toBe(`PostgreSQL is unavailable: ${cause.message}`);
    }
  });

  it("names Redis when ioredis gives up on a command while Redis is down", async () => {
    const redis = new Redis(await freePort(), "127.0.0.1", {
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
    });
    redis.on("error", () => undefined);
    const error = await redis.ping().catch((caught: unknown) => caught);
    redis.disconnect();
    expect(knownFailure(error)).toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/^Redis is unavailable: Reached the max retries per request limit/),
    });
  });

  it("is nothing for a real bug, which stays a logged 500", () => {
    expect(knownFailure(failedQuery(sqlState("42P01", 'relation "nope" does not exist')))).toBeUndefined();
    expect(knownFailure(new TypeError("x is undefined"))).toBeUndefined();
  });
});

describe("an outage's log lines", () => {
  it("are one when it starts or its reason changes, and one when it ends", () => {
    const lines: string[] = [];
    const report = {
      error: (message: string, context: Record<string, unknown>) =>
        lines.push(`error ${message} ${String(context.error)}`),
      info: (message: string) => lines.push(`info ${message}`),
    };
    const outage = outageLog(report, "queue connection");
    for (let i = 0; i < 5; i++) outage.failed(new Error("connect ECONNREFUSED"));
    outage.failed(new Error("Connection is closed."));
    outage.recovered();
    outage.recovered();
    expect(lines).toEqual([
      "error queue connection failed connect ECONNREFUSED",
      "error queue connection failed Connection is closed.",
      "info queue connection recovered",
    ]);
  });
});
