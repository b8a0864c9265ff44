import { env } from "./env";

/**
 * One line per event: `time level scope message {json context}`.
 * Errors go through console.error so tests can fail on unexpected ones.
 */

type Level = "debug" | "info" | "warn" | "error";
type Context = Record<string, unknown>;

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function serialize(context: Context | undefined): string {
  if (!context || Object.keys(context).length === 0) return "";
  return (
    " " +
    JSON.stringify(context, (_key, value: unknown) =>
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    )
  );
}

export interface Logger {
  debug(message: string, context?: Context): void;
  info(message: string, context?: Context): void;
  warn(message: string, context?: Context): void;
  error(message: string, context?: Context): void;
  child(scope: string): Logger;
}

export function createLogger(scope: string): Logger {
  const write = (level: Level, message: string, context?: Context) => {
    if (order[level] < order[env.LOG_LEVEL]) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${message}${serialize(context)}`;
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
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
