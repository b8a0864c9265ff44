import fs from "node:fs";
import path from "node:path";
import { spawnService, waitFor, type ServiceProcess } from "@/server/local-services";

/** Real product processes for system tests: `next start` web instances and the BullMQ worker. */

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

export interface WebInstance {
  url: string;
  process: ServiceProcess;
  logFile: string;
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AUTH_SECRET: "system-test-secret-system-test-secret-0123",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "info",
    ...extra,
  };
}

export function logFileFor(name: string): string {
  const dir = path.join(process.env.APFA_DATA_DIR!, "logs");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.log`);
}

export function startWorker(): ServiceProcess {
  return spawnService("worker", process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
    cwd: root,
    env: childEnv({}),
    logFile: logFileFor("worker"),
  });
}

/** Starts `next start` from the production build (npm run build) and waits until /api/health says ok. */
export async function startWeb(name: string, port: number, env: Record<string, string> = {}): Promise<WebInstance> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `npm run build` before the system tests (npm test does)");
  }
  const logFile = logFileFor(name);
  const service = spawnService(name, process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: root,
    env: childEnv({ PORT: String(port), ...env }),
    logFile,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${name} health`, async () => (await fetch(`${url}/api/health`).catch(() => null))?.ok ?? false, {
    timeoutMs: 90_000,
    intervalMs: 300,
    abort: service.exited,
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${name} log ---\n${fs.readFileSync(logFile, "utf8").slice(-4000)}`);
  });
  return { url, process: service, logFile };
}

/** Resident memory and thread count of a process, from /proc (Linux). */
export function processStats(pid: number): { rssBytes: number; threads: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { rssBytes: field("VmRSS") * 1024, threads: field("Threads") };
}
