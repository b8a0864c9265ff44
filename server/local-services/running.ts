import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The running product's record, `<data dir>/running.json`: `npm start` (scripts/supervisor.ts)
 * writes where its services listen — the embedded PostgreSQL and Redis take a free port on every
 * start — so that commands run beside it (the CLI) can find them. It holds DATABASE_URL with its
 * password, so it is created mode 0600, and it is replaced atomically (temp file, then rename),
 * so a reader never sees half of it. A clean stop removes it; after a crash it stays behind, and
 * the recorded supervisor pid, no longer alive, marks it stale.
 */

export const RUNNING_FILE = "running.json";

const recordSchema = z.object({
  /** The supervisor's pid: the product runs as long as it does. */
  pid: z.number().int().positive(),
  databaseUrl: z.string().min(1),
  redisUrl: z.string().min(1),
  webUrl: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  startedAt: z.string(),
});

export type RunningProduct = z.infer<typeof recordSchema>;

export type RunningLookup =
  | { status: "running"; record: RunningProduct }
  | { status: "none" }
  /** A record whose supervisor is gone (it crashed or was killed). */
  | { status: "stale"; record: RunningProduct }
  /** A file that is not a record (hand-edited, or from another version). */
  | { status: "unreadable"; reason: string };

export function runningFile(dataDir: string): string {
  return path.join(dataDir, RUNNING_FILE);
}

/** Whether a process with this pid exists (EPERM: it does, but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Writes the record: 0600 from its creation, renamed over any previous one. */
export function recordRunningProduct(dataDir: string, record: RunningProduct): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = runningFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, "w", 0o600);
  try {
    // The mode given to open applies only to a new file: a temp file left by a crash keeps its own.
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, `${JSON.stringify(recordSchema.parse(record), null, 2)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

function readRecord(dataDir: string): RunningLookup {
  let text: string;
  try {
    text = fs.readFileSync(runningFile(dataDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { status: "none" };
    return { status: "unreadable", reason: (error as Error).message };
  }
  try {
    const record = recordSchema.safeParse(JSON.parse(text));
    if (!record.success) return { status: "unreadable", reason: "not a record of a running product" };
    return { status: "running", record: record.data };
  } catch {
    return { status: "unreadable", reason: "not JSON" };
  }
}

/** The product running on this data directory, if any. Never modifies the file. */
export function findRunningProduct(dataDir: string): RunningLookup {
  const found = readRecord(dataDir);
  if (found.status === "running" && !isAlive(found.record.pid)) return { status: "stale", record: found.record };
  return found;
}

/**
 * Removes the record on a clean stop, if it is this process's: another supervisor on the same
 * data directory (both on external services) may have recorded itself since.
 */
export function removeRunningRecord(dataDir: string, pid: number = process.pid): void {
  const found = readRecord(dataDir);
  if (found.status === "running" && found.record.pid === pid) fs.rmSync(runningFile(dataDir), { force: true });
}
