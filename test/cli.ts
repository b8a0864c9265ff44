import { execFile } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as a user runs it: a separate node process (npm run cli is `node --import tsx cli/index.ts`),
 * inheriting this test's environment, so it uses the test database and queue prefix.
 */
export function cli(...args: string[]): Promise<CliResult> {
  return cliWithEnv(process.env, ...args);
}

/** The same, in the environment given (e.g. a shell without DATABASE_URL/REDIS_URL). */
export function cliWithEnv(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "cli/index.ts", ...args],
      { cwd: root, env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
