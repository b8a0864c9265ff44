import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "@/test/files";
import {
  findRunningProduct,
  isAlive,
  recordRunningProduct,
  removeRunningRecord,
  runningFile,
  type RunningProduct,
} from "./running";

const record = (pid: number, port = 3000): RunningProduct => ({
  pid,
  databaseUrl: "postgres://apfa:secret@127.0.0.1:41234/apfa",
  redisUrl: "redis://127.0.0.1:41235",
  webUrl: `http://localhost:${port}`,
  port,
  startedAt: "2026-11-29T10:00:00.000Z",
});

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("the running product's record", () => {
  it("is written readable by the owner only, with no temp file left beside it", () => {
    const dir = path.join(tempDir(), "data");
    recordRunningProduct(dir, record(process.pid));
    expect(mode(runningFile(dir))).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["running.json"]);
    expect(findRunningProduct(dir)).toEqual({ status: "running", record: record(process.pid) });
  });

  it("is replaced whole, 0600 even over a looser file or a temp file a crash left", () => {
    const dir = tempDir();
    fs.writeFileSync(runningFile(dir), "{}", { mode: 0o644 });
    fs.writeFileSync(`${runningFile(dir)}.${process.pid}.tmp`, "half a rec", { mode: 0o644 });
    recordRunningProduct(dir, record(process.pid, 3001));
    expect(mode(runningFile(dir))).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["running.json"]);
    expect(JSON.parse(fs.readFileSync(runningFile(dir), "utf8"))).toEqual(record(process.pid, 3001));
  });

  it("is stale once the recorded supervisor is gone", async () => {
    const dir = tempDir();
    const pid = await deadPid();
    expect(isAlive(pid)).toBe(false);
    recordRunningProduct(dir, record(pid));
    expect(findRunningProduct(dir)).toEqual({ status: "stale", record: record(pid) });
  });

  it("is none when there is no file, and unreadable when the file is not a record", () => {
    const dir = tempDir();
    expect(findRunningProduct(dir)).toEqual({ status: "none" });
    fs.writeFileSync(runningFile(dir), "{ not json");
    expect(findRunningProduct(dir)).toMatchObject({ status: "unreadable", reason: "not JSON" });
    fs.writeFileSync(runningFile(dir), JSON.stringify({ pid: process.pid }));
    expect(findRunningProduct(dir)).toMatchObject({ status: "unreadable" });
  });

  it("is removed on a clean stop by its own supervisor only", () => {
    const dir = tempDir();
    recordRunningProduct(dir, record(process.pid));
    removeRunningRecord(dir, process.pid + 1);
    expect(findRunningProduct(dir).status).toBe("running");
    removeRunningRecord(dir);
    expect(fs.existsSync(runningFile(dir))).toBe(false);
    expect(() => removeRunningRecord(dir)).not.toThrow();
  });
});
