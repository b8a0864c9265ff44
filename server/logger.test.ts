import { DrizzleQueryError } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureConsole } from "@/test/log-capture";
import { createLogger, logLevel, setLogLevel } from "./logger";
import { withRequestContext } from "./request-context";
import { shutdownTracing, startTracing, withSpan } from "./tracing";

/** The logger's lines as an operator's log pipeline reads them: one JSON object per line. */

let capture: ReturnType<typeof captureConsole>;
const level = logLevel();
beforeEach(() => void (capture = captureConsole()));
afterEach(() => {
  capture.stop();
  setLogLevel(level);
});
afterAll(shutdownTracing);

const parsed = () => capture.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("logger", () => {
  it("writes JSON lines with level, ISO time, scope, message and context", () => {
    setLogLevel("debug");
    createLogger("apfa")
      .child("unit")
      .info("hello", { count: 3, nested: { ok: true } });
    expect(parsed()).toEqual([
      {
        level: "info",
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        pid: process.pid,
        hostname: expect.any(String),
        scope: "apfa:unit",
        count: 3,
        nested: { ok: true },
        msg: "hello",
      },
    ]);
  });

  it("writes only what reaches the level, errors through console.error and warnings through console.warn", () => {
    const seen: string[] = [];
    const original = { error: console.error, warn: console.warn };
    console.error = (line: string) => void seen.push(`error: ${line}`);
    console.warn = (line: string) => void seen.push(`warn: ${line}`);
    try {
      setLogLevel("warn");
      const log = createLogger("levels");
      log.debug("d");
      log.info("i");
      log.warn("w");
      log.error("e");
    } finally {
      Object.assign(console, original);
    }
    expect(seen.map((line) => line.replace(/\{.*"msg":"(\w)"\}$/, "$1"))).toEqual(["warn: w", "error: e"]);
  });

  it("adds the request context and the active span's trace and span ids", async () => {
    startTracing("apfa-test", { tracesUrl: null });
    setLogLevel("info");
    const log = createLogger("ctx");
    const ids = await withRequestContext({ requestId: "req-7", partnerId: "p-1", release: "1.2.3" }, () =>
      withSpan("unit.span", {}, async (span) => {
        log.info("inside");
        return { traceId: span.traceId };
      }),
    );
    log.info("outside");
    const [inside, outside] = parsed();
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(inside).toMatchObject({ requestId: "req-7", partnerId: "p-1", release: "1.2.3", traceId: ids.traceId });
    expect(inside!.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(outside).not.toHaveProperty("requestId");
    expect(outside).not.toHaveProperty("traceId");
  });

  it("writes errors as objects, and a failed SQL statement without its parameter values", () => {
    setLogLevel("info");
    const failed = new DrizzleQueryError(
      'insert into "advice_requests" ("query") values ($1)',
      ["my private question about my divorce"],
      new Error('invalid input syntax for type uuid: "x"'),
    );
    createLogger("errors").info("could not store", { error: failed, other: new TypeError("plain") });
    const [line] = parsed();
    expect(capture.lines[0]).not.toContain("divorce");
    expect(line!.error).toMatchObject({
      type: "DrizzleQueryError",
      message: 'Failed query: insert into "advice_requests" ("query") values ($1)',
      cause: { type: "Error", message: 'invalid input syntax for type uuid: "x"' },
    });
    expect(line!.other).toMatchObject({
      type: "TypeError",
      message: "plain",
      stack: expect.stringContaining("TypeError"),
    });
  });

  it("writes no credential: headers objects lose theirs, and keys, session tokens and Bearer values are scrubbed wherever they are", () => {
    const key = "apfa_0123abcd_Q2hlY2sgdGhhdCB0aGlzIG5ldmVyIGxlYWtz-_x";
    const token = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..c2VjcmV0.c2Vzc2lvbi1wYXlsb2Fk.dGFn";
    setLogLevel("debug");
    createLogger("apfa").info(`refused ${key}`, {
      headers: { authorization: `Bearer ${key}`, cookie: `authjs.session-token=${token}`, accept: "*/*" },
      error: new Error(`upstream said: Authorization: Bearer opaque-${key.slice(-12)}`),
      note: `cookie was ${token}`,
    });
    const [line] = capture.lines;
    expect(line).not.toContain(key);
    expect(line).not.toContain(key.slice(-12));
    expect(line).not.toContain(token);
    expect(line).not.toContain("c2Vzc2lvbi1wYXlsb2Fk");
    const entry = parsed()[0]!;
    expect(entry.msg).toBe("refused apfa_0123abcd_[redacted]");
    expect(entry.headers).toEqual({ authorization: "[redacted]", cookie: "[redacted]", accept: "*/*" });
    expect(entry.note).toBe("cookie was [redacted token]");
  });
});
