import fs from "node:fs";
import path from "node:path";
import { freePort, spawnService, waitFor, type ServiceProcess } from "@/server/local-services";
import { describeLogErrors, errorLinesSince, markLog, sortErrorLines, type LogMark } from "../product-logs";

/**
 * Real product processes for system tests: `next start` web instances and the BullMQ worker, or
 * the whole product as `npm start` runs it.
 */

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

export interface WebInstance {
  url: string;
  process: ServiceProcess;
  logFile: string;
}

/** The web instances' session secret: a test signs real session cookies with it. */
export const SYSTEM_AUTH_SECRET = "system-test-secret-system-test-secret-0123";

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AUTH_SECRET: SYSTEM_AUTH_SECRET,
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

/**
 * The logs of the processes this test file started, from where each start began: after the file,
 * test/setup/product-logs.ts fails it on an error line nobody declared with expectProductError.
 */
let started: LogMark[] = [];
let expectedErrors: RegExp[] = [];

/** Declares an error the product is meant to log during this file (a failure the test provokes). */
export function expectProductError(pattern: RegExp): void {
  expectedErrors.push(pattern);
}

export function assertProductLogsClean(): void {
  const lines = started.flatMap((mark) => errorLinesSince(mark).lines.map((line) => `${mark.file}: ${line}`));
  const { unexpected, unseen } = sortErrorLines(lines, expectedErrors);
  started = [];
  expectedErrors = [];
  const problems = describeLogErrors("product processes", unexpected, unseen);
  if (problems) throw new Error(problems);
}

/**
 * Starts jobs/worker.ts. Its metrics endpoint is off unless `env` gives it a port: the default
 * port may be taken by a product running on the same machine.
 */
export function startWorker(env: Record<string, string> = {}): ServiceProcess {
  started.push(markLog(logFileFor("worker")));
  return spawnService("worker", process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
    cwd: root,
    env: childEnv({ WORKER_METRICS_PORT: "off", ...env }),
    logFile: logFileFor("worker"),
  });
}

/** Starts `next start` from the production build (npm run build) and waits until /api/health says ok. */
export async function startWeb(name: string, port: number, env: Record<string, string> = {}): Promise<WebInstance> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `npm run build` before the system tests (npm test does)");
  }
  const logFile = logFileFor(name);
  started.push(markLog(logFile));
  const service = spawnService(name, process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: root,
    env: childEnv({ PORT: String(port), ...env }),
    logFile,
  });
  return waitForHealth(service, port, logFile, 90_000);
}

/** Resolves once /api/health on `port` says ok; fails with the tail of the log if the process exits first. */
async function waitForHealth(
  service: ServiceProcess,
  port: number,
  logFile: string,
  timeoutMs: number,
): Promise<WebInstance> {
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `${service.name} health`,
    async () => (await fetch(`${url}/api/health`).catch(() => null))?.ok ?? false,
    { timeoutMs, intervalMs: 300, abort: service.exited },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${service.name} log ---\n${fs.readFileSync(logFile, "utf8").slice(-4000)}`);
  });
  return { url, process: service, logFile };
}

/**
 * The environment of a user's shell for the product on `dataDir`: no DATABASE_URL/REDIS_URL, even
 * where they are exported (CI runs this suite on the machine's services too), as
 * playwright.config.ts does; nor the test run's own settings (queue prefix, NODE_ENV=test). The
 * hash embedder and grounded analyzer stay.
 */
export function shellEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    APFA_DATA_DIR: dataDir,
    DATABASE_URL: "",
    REDIS_URL: "",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const testRunOnly of ["APFA_QUEUE_PREFIX", "APFA_IT_RUN", "NODE_ENV"]) delete env[testRunOnly];
  return env as NodeJS.ProcessEnv;
}

/**
 * The whole product as `npm start` runs it (scripts/start.ts, the supervisor, with embedded
 * PostgreSQL and local Redis) on its own data directory. Resolves when the web server is healthy.
 */
export async function startProduct(name: string, port: number, dataDir: string): Promise<WebInstance> {
  const logFile = logFileFor(name);
  const service = spawnService(name, process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    // Its worker's metrics on a free port: the default one may be taken by a product already running.
    env: { ...shellEnv(dataDir), PORT: String(port), WORKER_METRICS_PORT: String(await freePort()) },
    logFile,
  });
  // The first start on a new data directory also ingests and indexes the shipped corpus.
  return waitForHealth(service, port, logFile, 200_000);
}

/** Resident memory and thread count of a process, from /proc (Linux). */
export function processStats(pid: number): { rssBytes: number; threads: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { rssBytes: field("VmRSS") * 1024, threads: field("Threads") };
}
