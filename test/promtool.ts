import { spawnSync } from "node:child_process";

export interface PromtoolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Prometheus's own checker (Debian's `prometheus` package installs it; .ci/run does). A test that
 * needs it fails when it is missing rather than skipping: a rule file nobody checked is the
 * failure these tests exist to catch.
 */
export function promtool(args: string[], input?: string): PromtoolResult {
  const result = spawnSync("promtool", args, { input, encoding: "utf8" });
  if (result.error)
    throw new Error(
      `promtool could not be run (${result.error.message}): install Prometheus's tools, e.g. apt-get install prometheus`,
    );
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
