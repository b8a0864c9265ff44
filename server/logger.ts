import { isSpanContextValid, trace } from "@opentelemetry/api";
import pino from "pino";
import { env } from "./env";
import { currentRequestContext } from "./request-context";

/**
 * JSON lines through pino: `{"level","time","pid","hostname","scope","msg",…context}`, plus what
 * is known about the work in progress (request id, user or partner, release: server/request-context)
 * and the active span's trace and span ids, so a log line leads to its trace and back.
 *
 * Lines leave through the console (errors through console.error, warnings through console.warn,
 * the rest through console.log): the tests fail on an unexpected console.error, and the CLI keeps
 * its stdout for data (it runs at LOG_LEVEL=warn, whose lines go to stderr).
 */

type Level = "debug" | "info" | "warn" | "error";
type Context = Record<string, unknown>;

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: Level = env.LOG_LEVEL;

/** The least severe level written from now on (LOG_LEVEL at start). */
export function setLogLevel(level: Level): void {
  threshold = level;
}

export function logLevel(): Level {
  return threshold;
}

const line = (chunk: string) => chunk.replace(/\n$/, "");

/** dedupe: each line goes to the most severe stream its level reaches, and only there. */
const destination = pino.multistream(
  [
    { level: "debug", stream: { write: (chunk: string) => console.log(line(chunk)) } },
    { level: "warn", stream: { write: (chunk: string) => console.warn(line(chunk)) } },
    { level: "error", stream: { write: (chunk: string) => console.error(line(chunk)) } },
  ],
  { dedupe: true },
);

/**
 * Credentials never reach a log line. Headers objects lose their credential headers by path; and
 * whatever path a credential takes (an error message quoting a header, a URL, a record), the
 * finished line is scrubbed of the shapes credentials have: partner keys (their public prefix is
 * kept, it names the key), next-auth session tokens (JWE/JWT) and any Bearer value.
 */
const REDACT_PATHS = ["authorization", "cookie", "set-cookie", "x-api-key"].flatMap((name) => [
  `headers["${name}"]`,
  `*.headers["${name}"]`,
  `request.headers["${name}"]`,
]);

export function scrubCredentials(text: string): string {
  return text
    .replace(/\b(apfa_[0-9a-f]{8}_)[A-Za-z0-9_-]+/g, "$1[redacted]")
    .replace(/\beyJ[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*){2,4}/g, "[redacted token]")
    .replace(/\b(bearer\s+)(?!\[redacted)[^\s",\\]+/gi, "$1[redacted]");
}

const root = pino(
  {
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    hooks: { streamWrite: scrubCredentials },
    // Filtering happens in write() below against `threshold`, so a level set later reaches every
    // child logger made at import time; pino itself lets everything through.
    level: "debug",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      const ids = span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
      return { ...currentRequestContext(), ...ids };
    },
  },
  destination,
);

/**
 * An error as a plain object: type, message, code, stack and its causes. A failed SQL statement
 * (drizzle's query error carries `query` and `params`, and repeats both in its message and stack)
 * is written as its statement without the parameter values: they are the data written, and that
 * may be a borrower's question or an email address.
 */
function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const failed = error as Error & { query?: unknown; params?: unknown; code?: unknown };
  const isQuery = typeof failed.query === "string" && Array.isArray(failed.params);
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((frame) => frame.trimStart().startsWith("at "))
    .join("\n");
  const cause = error.cause;
  return {
    type: error.name === "Error" ? error.constructor.name : error.name,
    message: isQuery ? `Failed query: ${String(failed.query)}` : error.message,
    ...(failed.code !== undefined ? { code: failed.code } : {}),
    stack: isQuery ? frames : error.stack,
    ...(cause !== undefined && depth < 5
      ? { cause: cause instanceof Error ? serializeError(cause, depth + 1) : cause }
      : {}),
  };
}

/** Errors at the top of a context as plain objects (JSON.stringify of an Error is `{}`). */
function serializable(context: Context | undefined): Context {
  if (!context) return {};
  const out: Context = {};
  for (const [key, value] of Object.entries(context)) out[key] = value instanceof Error ? serializeError(value) : value;
  return out;
}

export interface Logger {
  debug(message: string, context?: Context): void;
  info(message: string, context?: Context): void;
  warn(message: string, context?: Context): void;
  error(message: string, context?: Context): void;
  child(scope: string): Logger;
}

export function createLogger(scope: string): Logger {
  const out = root.child({ scope });
  const write = (level: Level, message: string, context?: Context) => {
    if (order[level] < order[threshold]) return;
    out[level](serializable(context), message);
  };
  return {
    debug: (message, context) => write("debug", message, context),
    info: (message, context) => write("info", message, context),
    warn: (message, context) => write("warn", message, context),
    error: (message, context) => write("error", message, context),
    child: (child) => createLogger(`${scope}:${child}`),
  };
}

export const logger = createLogger("apfa");
