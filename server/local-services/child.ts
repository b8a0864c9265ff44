import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import fs from "node:fs";
import { once } from "node:events";

/**
 * A long-running child in its own process group, so a terminal's Ctrl-C reaches only
 * the supervisor, which then stops children in order.
 */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` to the whole group, escalates to SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

export interface SpawnServiceOptions extends Pick<SpawnOptions, "env" | "cwd" | "uid" | "gid"> {
  /** Append the child's output to this file instead of inheriting the terminal. */
  logFile?: string;
  /** Show the child's output on our terminal and also append it to this file (the log stays after the terminal is gone). */
  teeFile?: string;
}

export function spawnService(
  name: string,
  command: string,
  args: string[],
  options: SpawnServiceOptions = {},
): ServiceProcess {
  const { logFile, teeFile, ...spawnOptions } = options;
  const output = logFile ? fs.openSync(logFile, "a") : teeFile ? "pipe" : "inherit";
  const child = spawn(command, args, {
    ...spawnOptions,
    detached: true,
    stdio: ["ignore", output, output],
  });
  if (typeof output === "number") fs.closeSync(output);
  if (teeFile) tee(child, teeFile);

  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));

  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  return {
    name,
    child,
    exited,
    async stop(signal = "SIGTERM", timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(signal);
      const timer = setTimeout(() => signalGroup("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
      // Anything the child itself forked that is still in the group goes too.
      signalGroup("SIGKILL");
    },
  };
}

/** Copies the child's stdout and stderr to ours and to `file`; the file is closed when both streams end. */
function tee(child: ChildProcess, file: string): void {
  const log = fs.createWriteStream(file, { flags: "a" });
  let open = 2;
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    from?.on("data", (chunk: Buffer) => {
      to.write(chunk);
      log.write(chunk);
    });
    from?.once("close", () => --open === 0 && log.end());
  }
}

export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  {
    timeoutMs = 30_000,
    intervalMs = 200,
    abort,
  }: { timeoutMs?: number; intervalMs?: number; abort?: Promise<unknown> } = {},
): Promise<void> {
  let aborted: unknown;
  void abort?.then((reason) => (aborted = reason ?? true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (aborted) throw new Error(`${what}: the process exited before it was ready`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s`);
}

export function tailOf(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
