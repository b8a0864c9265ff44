import { execFile } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The CLI as a user runs it: a separate node process (npm run cli is `node --import tsx cli/index.ts`),
 * inheriting this test's environment, so it uses the test database and queue prefix.
 */
export function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "cli/index.ts", ...args],
      { cwd: root, env: process.env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
