import path from "node:path";
import { env, fillServiceUrls } from "@/server/env";
import { findRunningProduct, runningFile, type RunningLookup } from "@/server/local-services";

/**
 * The CLI runs beside the product. With `npm start` on embedded defaults, PostgreSQL and Redis
 * listen on ports chosen at start that only the supervisor knows, so it records them in the data
 * directory (server/local-services/running.ts) and the CLI takes them from there.
 *
 * Where this is applied: server/env.ts reads process.env once, when first imported, and that
 * happens when cli/index.ts loads the command's module (most import server/db → env). Setting
 * process.env before that import would need a second reader of process.env (APFA_DATA_DIR,
 * whether the URLs are set) and an import-order trick. But nothing reads DATABASE_URL/REDIS_URL
 * until the first connection (server/db, server/redis connect lazily), so cli/with-product.ts
 * calls this after the arguments are parsed and before the command runs, and env.ts fills the two
 * URLs into the validated env. `--help`, usage errors and standalone commands (Command.standalone)
 * never get here, so they need no product.
 */

export class NoRunningProduct extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoRunningProduct";
  }
}

/** The data directory as the user would type it: relative when it is under the current directory. */
function shown(dataDir: string): string {
  const relative = path.relative(process.cwd(), dataDir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dataDir;
}

function noRunningProductMessage(dataDir: string, found: Exclude<RunningLookup, { status: "running" }>): string {
  const why =
    found.status === "stale"
      ? ` (the one recorded there, pid ${found.record.pid}, is no longer running)`
      : found.status === "unreadable"
        ? ` (${shown(runningFile(dataDir))} is unreadable: ${found.reason})`
        : "";
  return (
    `No running APFA found in ${shown(dataDir)}${why}: ` +
    "start it with `npm start` in another terminal, or set DATABASE_URL and REDIS_URL"
  );
}

/** Points the CLI at the product running on this machine, unless DATABASE_URL and REDIS_URL say where. */
export function joinRunningProduct(): void {
  if (env.DATABASE_URL && env.REDIS_URL) return;
  const found = findRunningProduct(env.dataDir);
  if (found.status !== "running") throw new NoRunningProduct(noRunningProductMessage(env.dataDir, found));
  // Explicit variables win: only the unset ones are taken from the record.
  fillServiceUrls({ DATABASE_URL: found.record.databaseUrl, REDIS_URL: found.record.redisUrl });
}
